/** A print package this session built, shown in the same PDF viewer as attachments ("Open" after a print). */
import { useMemo } from 'react';
import { useBridge } from '../bridge/BridgeContext';
import { packageSource } from '../preview/byte-source';
import { PdfViewer } from '../preview/pdf/PdfViewer';
import { Modal } from './Modal';

export function PackageViewer({ fileName, onClose }: { fileName: string; onClose: () => void }) {
  const bridge = useBridge();
  const source = useMemo(() => packageSource(bridge, fileName), [bridge, fileName]);
  return (
    <Modal title={fileName} onClose={onClose} className="package-viewer">
      <PdfViewer source={source} />
    </Modal>
  );
}
