// Answers waiting for the server's acknowledgement. Each is written to localStorage before the first attempt and
// removed only when acknowledged, so a lost connection, a crash or a reload loses nothing; retries reuse the
// answer's id, so the server stores it exactly once however often it arrives.

const MIN_DELAY_MS = 250;
const MAX_DELAY_MS = 8000;

export class Outbox {
  constructor(api, storageKey, { onAcknowledged, onRefused, onState } = {}) {
    this.api = api;
    this.key = storageKey;
    this.onAcknowledged = onAcknowledged ?? (() => {});
    this.onRefused = onRefused ?? (() => {});
    this.onState = onState ?? (() => {});
    this.pending = load(storageKey);
    this.sending = false;
    this.delay = MIN_DELAY_MS;
    this.idleWaiters = [];
  }

  get size() { return this.pending.length; }

  /** The highest trial index waiting here, or -1. */
  get lastIndex() { return this.pending.reduce((max, p) => Math.max(max, p.index), -1); }

  add(index, response) {
    this.pending.push({ index, response });
    save(this.key, this.pending);
    this.flush();
  }

  /** Resolves once every answer is acknowledged (or refused for good). */
  drained() {
    if (this.pending.length === 0 && !this.sending) return Promise.resolve();
    this.flush();
    return new Promise(resolve => this.idleWaiters.push(resolve));
  }

  async flush() {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.pending.length > 0) {
        const head = this.pending[0];
        try {
          const receipt = await this.api.submit(head.response);
          this.#remove(head);
          this.delay = MIN_DELAY_MS;
          this.onAcknowledged(receipt, head);
        } catch (error) {
          if (error.transient) {
            this.onState({ retrying: true, pending: this.pending.length, message: error.message });
            await sleep(this.delay);
            this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
            continue;
          }
          // Refused for good (e.g. the session ended): keeping it would block every later answer.
          this.#remove(head);
          this.onRefused(error, head);
        }
      }
    } finally {
      this.sending = false;
      this.onState({ retrying: false, pending: this.pending.length });
      if (this.pending.length === 0) this.idleWaiters.splice(0).forEach(resolve => resolve());
    }
  }

  #remove(entry) {
    this.pending = this.pending.filter(p => p !== entry);
    save(this.key, this.pending);
  }
}

function load(key) {
  try { return JSON.parse(localStorage.getItem(key) ?? '[]'); } catch { return []; }
}

function save(key, pending) {
  try {
    if (pending.length === 0) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(pending));
  } catch {
    // Storage full or disabled (private mode): answers still go out from memory, only reload-safety is lost.
  }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
