/**
 * Splits the items of a set into volumes so that no volume's source bytes exceed the bound (pdf-lib
 * holds a whole volume in memory, ~2-3x its size). Items are never split; an item larger than the
 * bound gets a volume of its own. Sizes are the declared ones, so the plan exists before any byte is
 * read and `Volume 1 of 3` can be printed on the first page.
 */
export function planVolumes(itemBytes: number[], maxVolumeBytes: number): number[][] {
  const volumes: number[][] = [];
  let cur: number[] = [];
  let bytes = 0;
  itemBytes.forEach((size, i) => {
    if (cur.length > 0 && bytes + size > maxVolumeBytes) {
      volumes.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(i);
    bytes += size;
  });
  if (cur.length > 0) volumes.push(cur);
  return volumes;
}
