/** Runs `work` once the browser has painted the next frame: what was just put on the page is
 *  seen before `work` takes the page's time. A hidden tab paints no frames: at the latest after
 *  `fallbackMs`. */
export function afterNextPaint(work: () => void, fallbackMs = 200): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    work();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, fallbackMs);
}
