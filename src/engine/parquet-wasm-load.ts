/** parquet-wasm from the app's own origin, loaded once per thread on first use. */
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { ParquetWasm } from './parquet-codec';

let loaded: Promise<ParquetWasm> | null = null;

export function loadParquetWasm(): Promise<ParquetWasm> {
  loaded ??= import('parquet-wasm/esm').then(async (pw) => {
    await pw.default({ module_or_path: wasmUrl });
    return pw as unknown as ParquetWasm;
  });
  return loaded;
}
