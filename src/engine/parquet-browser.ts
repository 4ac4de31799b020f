import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { parquetCodec, type ParquetWasm } from './parquet-codec';

let loaded: Promise<ParquetWasm> | null = null;

/** parquet-wasm loads on first use: the first page does not pay for it. */
export const browserParquet = parquetCodec(() => {
  loaded ??= import('parquet-wasm/esm').then(async (pw) => {
    await pw.default({ module_or_path: wasmUrl });
    return pw as unknown as ParquetWasm;
  });
  return loaded;
});
