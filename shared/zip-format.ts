/** The zip format's record signatures and little-endian readers, for the sniffer and the zip budget. */
export const LOCAL_HEADER = 0x04034b50;
export const CENTRAL_ENTRY = 0x02014b50;
export const END_OF_CENTRAL = 0x06054b50;

export const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
export const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
