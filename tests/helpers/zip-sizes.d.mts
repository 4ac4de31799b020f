/** Sets the declared unpacked size of entry `name` in `zip` (changed in place, and returned). */
export function declareUnpackedSize(zip: Uint8Array, name: string, size: number): Uint8Array;
