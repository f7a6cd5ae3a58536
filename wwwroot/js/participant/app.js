// The participant's study, start to finish: entry → consent → instructions → practice with feedback →
// trials in blocks with breaks → debrief → completion code. The server decides, this page only shows: after a
// reload it asks the server where the session stands and continues there.

import { ParticipantApi } from './api.js';
import { Outbox, heldAnswers } from './outbox.js';
import { TrialQueue } from './prefetch.js';
import { runTrial } from './trial.js';
import { estimateRefreshInterval } from './timing.js';
import { retrying, setSaving, showRefused } from './notices.js';

const root = document.getElementById('participant-app');
const stage = document.getElementById('p-screen');
const studyId = root.dataset.studyId;
const tokenKey = `alignet:${studyId}:token`;
const api = new ParticipantApi(studyId);
let view = null;
let outbox = null;
let endedEarly = false;
// The highest trial index acknowledged in this page: answers sent after the session view was read (a reload's
// outbox flushing while the instructions are up) must not be asked again.
let acknowledgedUpTo = -1;

start().catch(showError);

async function start() {
  const parameters = Object.fromEntries(new URLSearchParams(location.search));
  view = await retrying(() => api.start(parameters, localStorage.getItem(tokenKey)));
  api.sessionId = view.sessionId;
  api.token = view.token;
  localStorage.setItem(tokenKey, view.token);
  document.getElementById('p-participant-id').textContent = view.participantId;
  root.dataset.sessionId = view.sessionId;

  localStorage.setItem(`alignet:${studyId}:session`, view.sessionId);
  outbox = await Outbox.open(api, view.sessionId, {
    onAcknowledged: (receipt, entry) => {
      acknowledgedUpTo = Math.max(acknowledgedUpTo, entry.index);
      setProgress(receipt.answered, receipt.totalTrials);
      if (receipt.sessionEnded) endedEarly = true;
    },
    onRefused: (error, entry) => {
      if (error.status === 409 && /ended/.test(error.message)) endedEarly = true;
      showRefused(error, entry);
    },
    onState: state => setSaving(state),
  });
  outbox.flush();
  await route();
}

async function route() {
  switch (view.step) {
    case 'Consent': return consent();
    case 'Instructions': return instructions();
    case 'Trials': return trials();
    case 'Completed': return completed();
    case 'Declined': return declined();
  }
}

async function consent() {
  const screen = page('Consent', view.study.consentHtml || '<p>Please confirm that you agree to take part.</p>');
  const agree = button('I agree to take part', 'primary');
  const decline = button('I do not agree');
  screen.append(actions(agree, decline));
  const accepted = await new Promise(resolve => {
    agree.onclick = () => resolve(true);
    decline.onclick = () => resolve(false);
  });
  view = await retrying(() => api.consent(accepted));
  return route();
}

function declined() {
  page('Thank you', '<p>You chose not to take part, so no data are collected. Please return the study on the platform you came from.</p>');
}

async function instructions() {
  if (!hasAllowedInput(view.study.inputs)) {
    view = await retrying(() => api.screenOut('the device has none of the inputs this study accepts'));
    return completed();
  }
  const screen = page('Instructions', view.study.instructionsHtml + inputHelp(view.study.inputs));
  const go = button(view.practiceTrials > 0 ? 'Start the practice' : 'Start', 'primary');
  go.disabled = true;
  screen.append(actions(go));
  // As in the Levels protocol: instructions stay up long enough to be read.
  setTimeout(() => { go.disabled = false; go.focus(); }, 3000);
  await new Promise(resolve => { go.onclick = resolve; });
  await enterFullscreen();
  return trials();
}

async function trials() {
  const refresh = await estimateRefreshInterval();
  // Resume after the last answer this browser still holds, even if the server has not acknowledged it yet.
  const first = Math.max(view.nextTrialIndex, outbox.lastIndex + 1, acknowledgedUpTo + 1);
  const width = Math.min(640, Math.ceil((window.innerWidth / 3) * (window.devicePixelRatio || 1)));
  const queue = new TrialQueue(api, first, view.totalTrials, width);
  setProgress(first, view.totalTrials);
  let block = null;

  for (let item = await queue.next(); item && !endedEarly; item = await queue.next()) {
    const trial = item.trial;
    if (block !== null && trial.block !== block) await between(block, trial.block);
    else if (block === null && trial.block > 0 && trial.index === view.practiceTrials && view.practiceTrials > 0) await between(0, trial.block);
    block = trial.block;
    root.dataset.block = String(trial.block);
    await runTrial(stage, item, view.study, refresh, response => {
      outbox.add(trial.index, response);
      setProgress(trial.index + 1, view.totalTrials);
    });
  }
  return finish();
}

async function between(previous, next) {
  if (previous === 0) {
    const screen = page('The practice is over', '<p>Now the study itself begins. There are no right or wrong answers: pick the image that fits least with the other two.</p>');
    const go = button('Begin', 'primary');
    screen.append(actions(go));
    go.focus();
    return new Promise(resolve => { go.onclick = resolve; });
  }
  const max = view.study.breakMaxSeconds;
  const screen = page(`Block ${previous} of ${view.study.blocks} done`,
    max > 0 ? `<p>Take a break of up to ${Math.round(max / 60 * 10) / 10} minutes if you like. The study continues by itself when the time is up.</p>` : '<p>Continue when you are ready.</p>');
  const go = button('Continue', 'primary');
  const clock = document.createElement('p');
  clock.className = 'p-break-clock';
  screen.append(clock, actions(go));
  go.focus();
  return new Promise(resolve => {
    let left = max;
    const tick = max > 0 ? setInterval(() => {
      left -= 1;
      clock.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left`;
      if (left <= 0) done();
    }, 1000) : null;
    const done = () => { clearInterval(tick); resolve(); };
    go.onclick = done;
  });
}

async function finish() {
  page('Saving your answers…', '<p>Please keep this page open until your answers are saved.</p>');
  await outbox.drained();
  view = await retrying(() => api.complete());
  return completed();
}

function completed() {
  const c = view.completion;
  const screen = pageWithOwnHeading('Thank you!', view.study.debriefHtml || '<p>Your answers are saved.</p>');
  if (c) {
    const code = document.createElement('div');
    code.className = 'p-code';
    code.innerHTML = `<p>${outcomeText(c.outcome)}</p><p>Your completion code: <strong id="p-completion-code"></strong></p>`;
    code.querySelector('#p-completion-code').textContent = c.code || '—';
    screen.append(code);
    if (c.redirectUrl) {
      const link = document.createElement('a');
      link.href = c.redirectUrl;
      link.className = 'p-button primary';
      link.textContent = 'Return to the recruitment platform';
      const note = document.createElement('p');
      note.className = 'p-how';
      screen.append(actions(link), note);
      // Back to Prolific/MTurk by itself, after time enough to note the code; the button does it at once.
      let left = 15;
      const tick = setInterval(() => {
        note.textContent = `You will be taken back automatically in ${left} s.`;
        if (left-- <= 0) { clearInterval(tick); location.href = c.redirectUrl; }
      }, 1000);
    }
  }
  // The secret stays: a reload shows this page again instead of opening a second session.
  root.dataset.completed = 'true';
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
}

function outcomeText(outcome) {
  switch (outcome) {
    case 'ScreenedOut': return 'This study cannot be taken on this device. You are paid for your time as the study describes.';
    case 'FailedChecks': return 'Your session ended because too many attention checks were missed.';
    default: return 'All your answers are saved.';
  }
}

function hasAllowedInput(inputs) {
  const keyboard = inputs.includes('NumberKeys') || inputs.includes('ArrowKeys');
  const fine = matchMedia('(any-pointer: fine)').matches;
  const coarse = matchMedia('(any-pointer: coarse)').matches;
  // A phone without a keyboard cannot answer a keys-only study; everything else has some way in.
  return keyboard || (inputs.includes('Mouse') && fine) || (inputs.includes('Touch') && coarse) || (!fine && !coarse);
}

function inputHelp(inputs) {
  const ways = [];
  if (inputs.includes('NumberKeys')) ways.push('press <kbd>1</kbd>, <kbd>2</kbd> or <kbd>3</kbd> for the left, middle or right image');
  if (inputs.includes('ArrowKeys')) ways.push('press <kbd>←</kbd>, <kbd>↓</kbd> or <kbd>→</kbd>');
  if (inputs.includes('Mouse')) ways.push('click the image');
  if (inputs.includes('Touch')) ways.push('tap the image');
  return `<p class="p-how">To answer, ${ways.join(', or ')}.</p>`;
}

async function enterFullscreen() {
  if (!view.study.requireFullscreen || document.fullscreenElement) return;
  try { await document.documentElement.requestFullscreen(); } catch { /* refused: the trial records exits only */ }
}

function setProgress(done, total) {
  const bar = document.getElementById('p-progress');
  const share = total > 0 ? Math.min(1, done / total) : 0;
  bar.setAttribute('aria-valuenow', String(Math.round(share * 100)));
  bar.firstElementChild.style.width = `${share * 100}%`;
}

function showError(error) {
  console.error(error);
  const unavailable = error.status === 409 || error.status === 410;
  page(unavailable ? 'The study is not available' : 'Something went wrong', '');
  const p = document.createElement('p');
  p.textContent = error.message || String(error);
  stage.firstElementChild.append(p);
  // Answers this browser still holds are kept (never deleted here): say so, so nobody thinks they are lost.
  const session = localStorage.getItem(`alignet:${studyId}:session`);
  const held = session ? heldAnswers(session) : 0;
  if (held > 0) {
    const kept = document.createElement('p');
    kept.id = 'p-kept';
    kept.textContent = `${held} of your answers are kept in this browser and will be sent when you open this link again.`;
    stage.firstElementChild.append(kept);
  }
  root.dataset.error = error.message || 'error';
}

/** A page whose text may bring its own first heading (a debrief starting "## Thank you!"): shown once, as the title. */
function pageWithOwnHeading(fallbackTitle, html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  const first = template.content.firstElementChild;
  if (first && /^H[1-3]$/.test(first.tagName)) {
    const title = first.textContent.trim();
    first.remove();
    const body = document.createElement('div');
    body.append(template.content);
    return page(title || fallbackTitle, body.innerHTML);
  }
  return page(fallbackTitle, html);
}

function page(title, html) {
  const section = document.createElement('section');
  section.className = 'p-page';
  const h1 = document.createElement('h1');
  h1.textContent = title;
  const body = document.createElement('div');
  body.className = 'p-text';
  body.innerHTML = html; // Server-rendered from Markdown with raw HTML disabled (StudyText).
  section.append(h1, body);
  stage.replaceChildren(section);
  root.dataset.step = title;
  h1.tabIndex = -1;
  h1.focus();
  return section;
}

function button(text, kind) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `p-button ${kind ?? ''}`.trim();
  b.textContent = text;
  return b;
}

function actions(...children) {
  const div = document.createElement('div');
  div.className = 'p-actions';
  div.append(...children);
  return div;
}
