// Makes a zip lie about how big an entry is once unpacked, the way a zip bomb does: the size
// in the central directory (the one readers trust) is overwritten in place.

/** Sets the declared unpacked size of entry `name` in `zip` (changed in place, and returned). */
export function declareUnpackedSize(zip, name, size) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const names = new TextDecoder();
  for (let i = zip.length - 46; i >= 0; i--) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const length = view.getUint16(i + 28, true);
    if (names.decode(zip.subarray(i + 46, i + 46 + length)) !== name) continue;
    view.setUint32(i + 24, size, true);
    return zip;
  }
  throw new Error(`no entry ${name} in the zip`);
}
