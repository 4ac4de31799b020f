// Where the time goes, read from the marks and measures the app leaves (performance.mark /
// measure named `sdv:…`): the start (engine, workbook, first view) and an analysis's steps
// (the query through the query layer, the sort on the page; the rest is drawing).

/** The start's marks, in ms from navigation (null: not reached). */
export const startMarks = (page) =>
  page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null;
    const took = (name) => performance.getEntriesByName(name, 'measure')[0]?.duration ?? null;
    return {
      engineInstantiated: at('sdv:engine-instantiated'),
      engineOpen: at('sdv:engine-open'),
      workbookOpen: at('sdv:workbook-open'),
      ready: at('sdv:ready'),
      // The sample workbook's opening, step by step (durations).
      openUnpack: took('sdv:open:unpack'),
      openTables: took('sdv:open:tables'),
      openList: took('sdv:open:list'),
      // Begun once the saved query is drawn, after the page is ready: when it ended.
      semanticsEnd: (() => {
        const m = performance.getEntriesByName('sdv:semantics:sync', 'measure')[0];
        return m ? m.startTime + m.duration : null;
      })(),
      openQuery: took('sdv:open:query'),
    };
  });

/** Forgets the analysis measures (before a timed change). */
export const clearAnalysisMeasures = (page) => page.evaluate(() => performance.clearMeasures());

/** The last analysis run's steps, in ms. */
export const analysisSteps = (page) =>
  page.evaluate(() => {
    const last = (name) => performance.getEntriesByName(name, 'measure').at(-1)?.duration ?? null;
    return { query: last('sdv:analysis:query'), sort: last('sdv:analysis:sort') };
  });

/** The last import's steps, in ms (null: the step did not run): Parquet's load (decode and
 *  insert) and its column names and NFC check; CSV's sniffing (dialect, header), its one read,
 *  the profile of its text, and the shaping (rows left out, columns retyped, named); the
 *  table's description; the listing (tables listed again, the semantic model updated). */
export const importSteps = (page) =>
  page.evaluate(() => {
    const last = (name) => performance.getEntriesByName(name, 'measure').at(-1)?.duration ?? null;
    return {
      parquetLoad: last('sdv:import:parquet-load'),
      parquetNames: last('sdv:import:parquet-names'),
      parquetNfc: last('sdv:import:parquet-nfc'),
      csvSniff: last('sdv:import:csv-sniff'),
      csvRead: last('sdv:import:csv-read'),
      csvProfile: last('sdv:import:csv-profile'),
      csvShape: last('sdv:import:csv-shape'),
      compress: last('sdv:import:compress'),
      describe: last('sdv:import:describe'),
      list: last('sdv:import:list'),
    };
  });

/** The median of each field over a list of objects with the same fields. */
export function medians(list) {
  const out = {};
  for (const key of Object.keys(list[0] ?? {})) {
    const xs = list.map((x) => x[key]).filter((x) => typeof x === 'number').sort((a, b) => a - b);
    out[key] = xs.length > 0 ? xs[Math.floor((xs.length - 1) / 2)] : null;
  }
  return out;
}
