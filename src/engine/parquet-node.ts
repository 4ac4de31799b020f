import { createRequire } from 'node:module';
import { parquetCodec, type ParquetWasm } from './parquet-codec';

const require = createRequire(import.meta.url);

export const nodeParquet = parquetCodec(async () => require('parquet-wasm/node') as ParquetWasm);
