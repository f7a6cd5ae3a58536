// What the participant is told about the connection: answers kept and retried, an answer refused for good, and
// the session's own requests (start, consent, completion) retried while the server or the network recovers.

const root = () => document.getElementById('participant-app');

export function setSaving(state) {
  const note = document.getElementById('p-saving');
  note.textContent = state.retrying ? `Connection problem — ${state.pending} answer(s) kept and being retried.` : '';
}

/** An answer the server refused for good: it is recorded on the server with the reason; the participant goes on. */
export function showRefused(error, entry) {
  const note = document.getElementById('p-refused') ?? document.createElement('p');
  note.id = 'p-refused';
  note.className = 'p-saving';
  note.setAttribute('role', 'status');
  note.textContent = `Your answer to trial ${entry.index + 1} could not be saved: ${error.message} `
    + 'The researcher can see it with this reason; you do not need to do anything.';
  root().dataset.refused = String(Number(root().dataset.refused ?? 0) + 1);
  document.getElementById('p-saving').after(note);
}

/**
 * Session start, consent, completion and screening out are retried like answers while the failure is the network's
 * or the server's (503 while the database restarts): each is safe to repeat (the server returns the same session,
 * consent or ending). The participant sees why they wait.
 */
export async function retrying(call) {
  for (let delay = 500; ; delay = Math.min(delay * 2, 8000)) {
    try {
      const result = await call();
      setSaving({ retrying: false });
      return result;
    } catch (error) {
      if (!error.transient) throw error;
      const pause = error.retryAfterMs ?? delay;
      document.getElementById('p-saving').textContent = `Connection problem — trying again in ${Math.round(pause / 100) / 10} s. Please keep this page open.`;
      await new Promise(resolve => setTimeout(resolve, pause));
    }
  }
}
