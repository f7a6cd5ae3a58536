// A rolling prefetch: trials are fetched a batch at a time and their three images downloaded and decoded
// (img.decode()) well before they are needed, so a trial appears in one frame, and a study with hundreds of
// images never loads them all at once.

const BATCH = 10;
const LOW_WATER = 5;

export class TrialQueue {
  constructor(api, firstIndex, total, imageWidth) {
    this.api = api;
    this.nextToFetch = firstIndex;
    this.total = total;
    this.imageWidth = imageWidth;
    this.ready = [];
    this.fetching = null;
  }

  /** The next trial with its decoded images, or null after the last. */
  async next() {
    if (this.ready.length < LOW_WATER) this.#fill();
    while (this.ready.length === 0) {
      if (this.nextToFetch >= this.total && !this.fetching) return null;
      await (this.fetching ?? this.#fill());
    }
    const item = this.ready.shift();
    if (this.ready.length < LOW_WATER) this.#fill();
    item.images = await item.decoded;
    return item;
  }

  #fill() {
    if (this.fetching || this.nextToFetch >= this.total) return this.fetching;
    const from = this.nextToFetch;
    this.fetching = fetchWithRetry(() => this.api.trials(from, BATCH))
      .then(batch => {
        this.total = batch.totalTrials;
        for (const trial of batch.trials) {
          this.ready.push({ trial, decoded: decodeAll(trial.imageUrls, this.imageWidth) });
          this.nextToFetch = Math.max(this.nextToFetch, trial.index + 1);
        }
        if (batch.trials.length === 0) this.nextToFetch = this.total;
      })
      .finally(() => { this.fetching = null; });
    return this.fetching;
  }
}

async function fetchWithRetry(load) {
  for (let delay = 250; ; delay = Math.min(delay * 2, 8000)) {
    try { return await load(); } catch (error) {
      if (!error.transient) throw error;
      await new Promise(resolve => setTimeout(resolve, delay));
    }
  }
}

function decodeAll(urls, width) {
  return Promise.all(urls.map(async url => {
    for (let attempt = 0; ; attempt++) {
      const img = new Image();
      img.decoding = 'async';
      img.alt = '';
      img.src = `${url}?w=${width}`;
      try {
        await img.decode();
        return img;
      } catch (error) {
        if (attempt >= 4) throw new Error('An image could not be loaded. Check your connection and reload the page.');
        await new Promise(resolve => setTimeout(resolve, 500 * (attempt + 1)));
      }
    }
  }));
}
