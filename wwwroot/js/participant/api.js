// The participant JSON API as the browser uses it (routes: src/AligNet.Api.Contracts/ParticipantApi.cs).
// Every refusal comes back as problem details; ApiError carries its status and the sentence to show.

export class ApiError extends Error {
  constructor(status, detail, retryAfterMs = null) {
    super(detail || `The server answered ${status}.`);
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }

  /** Worth retrying: the network, the server's own trouble, or a rate limit — never a refusal of the request itself. */
  get transient() {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export class ParticipantApi {
  constructor(studyId) {
    this.studyId = studyId;
    this.sessionId = null;
    this.token = null;
  }

  start(parameters, token) {
    return this.#send('POST', `/api/participate/studies/${this.studyId}/sessions`, { parameters, token }, false);
  }

  session() { return this.#send('GET', this.#session('')); }
  consent(accepted) { return this.#send('POST', this.#session('/consent'), { accepted }); }
  trials(from, count) { return this.#send('GET', this.#session(`/trials?from=${from}&count=${count}`)); }
  submit(response) { return this.#send('POST', this.#session('/responses'), response); }
  complete() { return this.#send('POST', this.#session('/complete'), {}); }
  screenOut(reason) { return this.#send('POST', this.#session('/screen-out'), { reason }); }

  #session(suffix) { return `/api/participate/sessions/${this.sessionId}${suffix}`; }

  async #send(method, url, body, authenticated = true) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (authenticated) headers.Authorization = `Bearer ${this.token}`;
    let response;
    try {
      response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch {
      throw new ApiError(0, 'No connection to the server. Your answers are kept in this browser and sent when it is back.');
    }
    const text = await response.text();
    const json = text ? safeJson(text) : null;
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('Retry-After'));
      throw new ApiError(response.status, json?.detail, retryAfter > 0 ? Math.min(retryAfter, 30) * 1000 : null);
    }
    return json;
  }
}

function safeJson(text) {
  try { return JSON.parse(text); } catch { return null; }
}
