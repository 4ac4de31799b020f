/** An element's height once the browser lays the page out for its next frame, read in a
 *  ResizeObserver's first report: drawing six charts then costs one layout, not one forced
 *  layout each (`getBoundingClientRect` right after drawing). A hidden tab draws no frames, so
 *  the height is read directly after a while instead. */
export function heightAfterLayout(el: Element, fallbackMs = 200): Promise<number> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (height: number) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      resolve(height);
    };
    const observer = new ResizeObserver((entries) => finish(entries[0]?.borderBoxSize?.[0]?.blockSize ?? el.getBoundingClientRect().height));
    const timer = setTimeout(() => finish(el.getBoundingClientRect().height), fallbackMs);
    observer.observe(el);
  });
}
