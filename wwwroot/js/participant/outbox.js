// Answers waiting for the server's acknowledgement. Each is written to localStorage before the first attempt and
// removed only when acknowledged, so a lost connection, a crash or a reload loses nothing; retries reuse the
// answer's id, so the server stores it exactly once however often it arrives.
//
// Each tab keeps its own list (`alignet:<session>:outbox:<tab>`): two tabs of one session must never overwrite
// each other's answers. A tab holds a Web Lock named after its list while it lives; a list whose lock nobody holds
// belongs to a closed tab and is adopted (moved into this tab's list). Without Web Locks (plain-http origins) lists
// are copied rather than moved: an answer may then be sent twice, which the server acknowledges as a duplicate.

import { newId } from './ids.js';

const MIN_DELAY_MS = 250;
const MAX_DELAY_MS = 8000;
const TAB_KEY = 'alignet:tab';

export class Outbox {
  constructor(api, prefix, tab, { onAcknowledged, onRefused, onState } = {}) {
    this.api = api;
    this.prefix = prefix;
    this.key = `${prefix}:${tab}`;
    this.onAcknowledged = onAcknowledged ?? (() => {});
    this.onRefused = onRefused ?? (() => {});
    this.onState = onState ?? (() => {});
    this.pending = load(this.key);
    this.sending = false;
    this.delay = MIN_DELAY_MS;
    this.idleWaiters = [];
  }

  /** This tab's outbox for a session, with the lists of closed tabs (and of older versions of this page) adopted. */
  static async open(api, sessionId, handlers) {
    const prefix = `alignet:${sessionId}:outbox`;
    const tab = await claimTab(prefix);
    const outbox = new Outbox(api, prefix, tab, handlers);
    await outbox.#adoptOrphans();
    return outbox;
  }

  get size() { return this.pending.length; }

  /** The highest trial index waiting in any tab's list of this session, or -1: a resume starts after it. */
  get lastIndex() {
    return otherKeys(this.prefix, this.key).flatMap(load).concat(this.pending)
      .reduce((max, p) => Math.max(max, p.index), -1);
  }

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
          // Refused for good (e.g. the session ended): keeping it would block every later answer. The server has
          // recorded it with the reason (rejected answers); the page tells the participant.
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

  async #adoptOrphans() {
    const held = await heldLocks();
    for (const key of otherKeys(this.prefix, this.key)) {
      if (!held) this.#take(key, false); // no Web Locks: copy, never delete what a live tab may still need
      else if (!held.has(key)) this.#take(key, true); // a closed tab's list (or the page's older single list)
      else {
        // A live tab sends its own answers; should it close first, this tab takes over its list.
        navigator.locks.request(key, () => { this.#take(key, true); this.flush(); }).catch(() => {});
      }
    }
  }

  #take(key, move) {
    const known = new Set(this.pending.map(p => p.response.id));
    for (const entry of load(key)) {
      if (!known.has(entry.response.id)) { this.pending.push(entry); known.add(entry.response.id); }
    }
    this.pending.sort((a, b) => a.index - b.index);
    save(this.key, this.pending);
    if (move) localStorage.removeItem(key);
  }

  #remove(entry) {
    this.pending = this.pending.filter(p => p !== entry);
    save(this.key, this.pending);
  }
}

/** Every answer any tab of this browser still holds for a session (shown when the session cannot be opened). */
export function heldAnswers(sessionId) {
  const prefix = `alignet:${sessionId}:outbox`;
  return otherKeys(prefix, null).flatMap(load).length;
}

/**
 * This tab's id: kept in sessionStorage across reloads; a duplicated tab (which copies sessionStorage) finds the
 * lock already held and takes a new id.
 */
async function claimTab(prefix) {
  let tab = sessionStorage.getItem(TAB_KEY) ?? newId();
  if (navigator.locks && !(await holdLock(`${prefix}:${tab}`))) {
    tab = newId();
    await holdLock(`${prefix}:${tab}`);
  }
  try { sessionStorage.setItem(TAB_KEY, tab); } catch { /* storage disabled: a reload gets a new list, adopted */ }
  return tab;
}

/** Takes the named lock for the life of the page, if free; resolves with whether it was taken. */
function holdLock(name) {
  return new Promise(resolve => {
    navigator.locks.request(name, { ifAvailable: true }, lock => {
      resolve(lock !== null);
      return lock ? new Promise(() => {}) : undefined;
    }).catch(() => resolve(false));
  });
}

/** The names of the locks held by live tabs, or null where Web Locks are missing. */
async function heldLocks() {
  if (!navigator.locks?.query) return null;
  try {
    const state = await navigator.locks.query();
    return new Set(state.held.map(l => l.name));
  } catch { return null; }
}

/** The session's lists other than `own` (the list of the page before per-tab lists was named `prefix` itself). */
function otherKeys(prefix, own) {
  const keys = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key !== own && (key === prefix || key?.startsWith(`${prefix}:`))) keys.push(key);
  }
  return keys;
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
