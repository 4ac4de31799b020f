/** The sample workbook from data-samples/, bundled as same-origin assets. The CSV copies are
 *  opened (they are small, and the Parquet reader then loads only when a user needs it). */
import units from '../../data-samples/don-vi.csv?url';
import reform from '../../data-samples/sap-xep-don-vi-2025.csv?url';
import models from '../../data-samples/mo-hinh-dan-van-kheo.csv?url';
import classification from '../../data-samples/xep-loai-dan-van.csv?url';
import reception from '../../data-samples/tiep-cong-dan.csv?url';

export const SAMPLE_FILES: { name: string; url: string }[] = [
  { name: 'don-vi.csv', url: units },
  { name: 'mo-hinh-dan-van-kheo.csv', url: models },
  { name: 'xep-loai-dan-van.csv', url: classification },
  { name: 'tiep-cong-dan.csv', url: reception },
  { name: 'sap-xep-don-vi-2025.csv', url: reform },
];

/** The sample as a workbook file, made when the app is built (see sample-workbook.ts); the CSVs
 *  above are imported instead where there is none (the dev server). */
export const SAMPLE_WORKBOOK_FILE = 'sample.sdv';

/** The first view: "Dân vận khéo" models per year and unit type. */
export const SAMPLE_QUERY = `SELECT m."Năm", d."Loại đơn vị", sum(m."Số mô hình") AS "Số mô hình"
FROM mo_hinh_dan_van_kheo AS m
JOIN don_vi AS d USING ("Mã đơn vị")
GROUP BY ALL
ORDER BY ALL`;
