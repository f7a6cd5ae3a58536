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

/** Resolves with the timestamp of the next animation frame: the frame that paints what was just inserted. */
export const nextFrame = () => new Promise(resolve => requestAnimationFrame(resolve));

export const wait = ms => new Promise(resolve => setTimeout(resolve, ms));
