import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { BridgeProvider } from './bridge/BridgeContext';
import { getBridge } from './bridge/scoic';
import { CommandRegistryProvider } from './commands/registry';
import { createQueryClient } from './data/query-client';
import { ToastProvider } from './feedback/Toasts';
import { DraftFlushProvider } from './workspace/draft-flush';
import { PaneProvider } from './workspace/panes';
import { WorkspaceStateProvider } from './workspace/workspace-state';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <BridgeProvider bridge={getBridge()}>
      <QueryClientProvider client={createQueryClient()}>
        <ToastProvider>
          <WorkspaceStateProvider>
            <PaneProvider>
              <DraftFlushProvider>
                <CommandRegistryProvider>
                  <App />
                </CommandRegistryProvider>
              </DraftFlushProvider>
            </PaneProvider>
          </WorkspaceStateProvider>
        </ToastProvider>
      </QueryClientProvider>
    </BridgeProvider>
  </StrictMode>,
);
