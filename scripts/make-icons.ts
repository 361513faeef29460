/**
 * `npm run icons`: renders resources/build/icon.svg (our own artwork) into every icon electron-builder
 * needs: icon.png (1024), icons/NxN.png for Linux, icon.ico for Windows (an ICO container holding PNG
 * images, which Windows Vista and later read) and icon.icns for macOS (PNG-based entries). The outputs
 * are checked in, so a build machine needs no image tools.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { encodeIcns, encodeIco } from './icon-containers';

const dir = path.resolve(import.meta.dirname, '../resources/build');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'));
const png = (size: number) => sharp(svg, { density: 72 * (size / 1024) * 4 }).resize(size, size).png({ compressionLevel: 9 }).toBuffer();

const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const images = new Map<number, Buffer>();
for (const size of sizes) images.set(size, await png(size));

fs.writeFileSync(path.join(dir, 'icon.png'), images.get(1024)!);
fs.mkdirSync(path.join(dir, 'icons'), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) fs.writeFileSync(path.join(dir, 'icons', `${size}x${size}.png`), images.get(size)!);
fs.writeFileSync(path.join(dir, 'icon.ico'), encodeIco([16, 24, 32, 48, 64, 128, 256].map((s) => ({ size: s, png: images.get(s)! }))));
fs.writeFileSync(path.join(dir, 'icon.icns'), encodeIcns([128, 256, 512, 1024].map((s) => ({ size: s, png: images.get(s)! }))));
console.log(`wrote icons in ${path.relative(process.cwd(), dir)}`);
