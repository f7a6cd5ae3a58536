// Browser timing: every time here is performance.now() milliseconds, the clock input events' timeStamp uses.

/** The display's frame interval, as the median of consecutive animation-frame deltas. */
export function estimateRefreshInterval(frames = 30) {
  return new Promise(resolve => {
    const stamps = [];
    const step = t => {
      stamps.push(t);
      if (stamps.length <= frames) requestAnimationFrame(step);
      else {
        const deltas = stamps.slice(1).map((s, i) => s - stamps[i]).sort((a, b) => a - b);
        resolve(Math.round(deltas[Math.floor(deltas.length / 2)] * 100) / 100);
      }
    };
    requestAnimationFrame(step);
  });
}

/** Resolves with the timestamp of the next animation frame. */
export const nextFrame = () => new Promise(resolve => requestAnimationFrame(resolve));

export const wait = ms => new Promise(resolve => setTimeout(resolve, ms));

// Element Timing (Chromium-based browsers): the browser reports when an element marked `elementtiming` was painted
// (renderTime). The first animation frame's timestamp, used before, is the *start* of the frame that will paint,
// which in Chromium came 6–43 ms before the paint (issue 10). One observer for the page, registered at load.
const ELEMENT_TIMING = typeof PerformanceObserver !== 'undefined'
  && (PerformanceObserver.supportedEntryTypes ?? []).includes('element');
const painted = new Map();
const waiting = new Map();
if (ELEMENT_TIMING) {
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (!entry.identifier?.startsWith('p-stim-')) continue;
      const waiter = waiting.get(entry.identifier);
      if (waiter) waiter(entry.renderTime);
      else painted.set(entry.identifier, entry.renderTime);
    }
  }).observe({ type: 'element', buffered: true });
}

/** How long to wait for the browser's paint report before falling back (a hidden tab paints nothing). */
const PAINT_REPORT_TIMEOUT_MS = 1000;

/** Marks an image so that the browser reports its paint; identifiers are unique per trial and position. */
export function markForPaintTiming(img, identifier) { img.setAttribute('elementtiming', identifier); }

/**
 * The onset of what was just inserted, to be called right after the insertion. Where the browser reports paints
 * (Element Timing): the renderTime of the last of the marked images to paint, method "ElementTiming". Elsewhere,
 * or when no report comes in time: the timestamp of the second animation frame after insertion — the start of the
 * frame after the one that painted the images — method "SecondAnimationFrame".
 */
export async function paintOnset(identifiers) {
  const secondFrame = nextFrame().then(() => nextFrame());
  if (ELEMENT_TIMING) {
    const reports = identifiers.map(id => painted.has(id)
      ? Promise.resolve(painted.get(id))
      : new Promise(resolve => waiting.set(id, resolve)));
    const times = await Promise.race([Promise.all(reports), wait(PAINT_REPORT_TIMEOUT_MS).then(() => null)]);
    identifiers.forEach(id => { painted.delete(id); waiting.delete(id); });
    // renderTime is 0 for an image the browser may not time (cross-origin without Timing-Allow-Origin).
    if (times && times.every(t => t > 0)) return { time: Math.max(...times), method: 'ElementTiming' };
  }
  return { time: await secondFrame, method: 'SecondAnimationFrame' };
}
