// One odd-one-out trial: fixation, the three images, the answer, feedback.
// Onset is the paint of the decoded images as the browser reports it (Element Timing), else the second animation
// frame after their insertion (timing.js, paintOnset); the response time is the input event's own timeStamp. Both
// are performance.now() readings, so RT = response − onset is free of server and network delays.

import { markForPaintTiming, paintOnset, wait } from './timing.js';
import { newId } from './ids.js';

const POSITIONS = ['left', 'middle', 'right'];
const KEYS = {
  NumberKeys: { '1': 0, '2': 1, '3': 2 },
  ArrowKeys: { ArrowLeft: 0, ArrowDown: 1, ArrowRight: 2 },
};

/**
 * Runs one trial. The answer is handed to onAnswer the moment it is given — before feedback and the interval —
 * so that a reload during the feedback cannot lose it.
 */
export async function runTrial(stage, item, study, refreshIntervalMs, onAnswer) {
  const { trial, images } = item;
  stage.replaceChildren();
  const root = el('div', 'p-trial');
  root.dataset.trialIndex = trial.index;
  root.dataset.trialId = trial.id;
  stage.append(root);

  if (study.fixationMs > 0) {
    setState(root, 'fixation');
    root.append(el('div', 'p-fixation', '+'));
    await wait(study.fixationMs);
    root.replaceChildren();
  }

  const row = el('div', 'p-triplet');
  const buttons = images.map((img, position) => {
    const button = el('button', 'p-choice');
    button.type = 'button';
    button.dataset.position = position;
    button.setAttribute('aria-label', `${POSITIONS[position]} image (${keyHint(study, position)})`);
    markForPaintTiming(img, `p-stim-${trial.id}-${position}`);
    button.append(img);
    row.append(button);
    return button;
  });
  const timer = el('div', 'p-timer');
  timer.setAttribute('aria-hidden', 'true');
  root.append(row, timer);

  const answer = await collectAnswer(root, buttons, timer, study, images.map((_, p) => `p-stim-${trial.id}-${p}`));
  const response = {
    id: newId(),
    trialId: trial.id,
    chosenPosition: answer.position,
    input: answer.input,
    onsetTimeMs: answer.onset,
    onsetMethod: answer.onsetMethod,
    responseTimeMs: answer.time,
    refreshIntervalMs,
    focusLost: answer.focusLost,
    fullscreenExits: answer.fullscreenExits,
  };
  onAnswer(response);

  await showFeedback(root, buttons, answer.position, trial, study);
  root.replaceChildren();
  setState(root, 'iti');
  if (study.interTrialIntervalMs > 0) await wait(study.interTrialIntervalMs);
}

function collectAnswer(root, buttons, timer, study, paintIds) {
  return new Promise(resolve => {
    let onset = null;
    let onsetMethod = null;
    // Inputs that arrive before the paint is reported wait here and are judged against the onset once known.
    const early = [];
    let focusLost = document.visibilityState === 'hidden';
    let fullscreenExits = 0;
    let timeout = null;
    let countdown = null;
    const allowed = new Set(study.inputs);
    const keyMap = Object.assign({}, ...Object.entries(KEYS).filter(([mode]) => allowed.has(mode)).map(([, map]) => map));

    const finish = (position, input, time) => {
      clearTimeout(timeout);
      clearInterval(countdown);
      document.removeEventListener('keydown', onKey, true);
      buttons.forEach(b => b.removeEventListener('pointerdown', onPointer));
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('visibilitychange', onBlur);
      document.removeEventListener('fullscreenchange', onFullscreen);
      timer.textContent = '';
      resolve({ position, input, time, onset, onsetMethod, focusLost, fullscreenExits });
    };
    // Inputs before onset, or sooner than the study's minimum RT after it (a key still held), are ignored.
    const accept = stamp => stamp - onset >= study.minimumValidRtMs;
    const consider = (position, input, stamp) => {
      if (onset === null) early.push([position, input, stamp]);
      else if (accept(stamp)) finish(position, input, stamp);
    };
    const onKey = event => {
      if (event.repeat || !(event.key in keyMap)) return;
      event.preventDefault();
      consider(keyMap[event.key], 'Keyboard', event.timeStamp);
    };
    const onPointer = event => {
      const input = event.pointerType === 'mouse' ? 'Mouse' : 'Touch';
      if (!allowed.has(input)) return;
      event.preventDefault();
      consider(Number(event.currentTarget.dataset.position), input, event.timeStamp);
    };
    const onBlur = () => { if (document.visibilityState === 'hidden' || !document.hasFocus()) focusLost = true; };
    const onFullscreen = () => { if (!document.fullscreenElement) fullscreenExits++; };

    document.addEventListener('keydown', onKey, true);
    buttons.forEach(b => b.addEventListener('pointerdown', onPointer));
    window.addEventListener('blur', onBlur);
    document.addEventListener('visibilitychange', onBlur);
    document.addEventListener('fullscreenchange', onFullscreen);

    paintOnset(paintIds).then(painted => {
      onset = painted.time;
      onsetMethod = painted.method;
      root.dataset.onset = String(painted.time);
      root.dataset.onsetMethod = painted.method;
      setState(root, 'shown');
      const first = early.find(([, , stamp]) => accept(stamp));
      if (first) { finish(...first); return; }
      if (study.responseTimeLimitMs > 0) {
        // Counted from the onset itself: the paint report arrives a frame or two after the paint.
        timeout = setTimeout(() => finish(null, 'Timeout', performance.now()), onset + study.responseTimeLimitMs - performance.now());
        countdown = setInterval(() => {
          const left = Math.ceil((onset + study.responseTimeLimitMs - performance.now()) / 1000);
          timer.textContent = left <= 5 ? `${Math.max(left, 0)} s` : '';
        }, 200);
      }
    });
  });
}

async function showFeedback(root, buttons, position, trial, study) {
  setState(root, 'feedback');
  buttons.forEach(b => { b.disabled = true; });
  if (position !== null) {
    buttons.forEach((b, i) => { if (i !== position) b.classList.add('p-hidden'); });
  }
  const message = el('p', 'p-feedback');
  message.setAttribute('role', 'status');
  root.append(message);
  if (trial.practice) {
    message.textContent = feedbackText(position, trial.expectedPosition);
    await wait(Math.max(study.choiceFeedbackMs, 1500));
  } else if (position === null) {
    message.textContent = 'Time is up — on to the next one.';
    await wait(Math.max(study.choiceFeedbackMs, 800));
  } else if (study.choiceFeedbackMs > 0) {
    await wait(study.choiceFeedbackMs);
  }
}

function feedbackText(position, expected) {
  if (position === null) return 'Time is up. Answer a little faster next time.';
  if (expected === null || expected === undefined) return 'Thank you. There is no right answer: go with your impression.';
  return position === expected
    ? 'Yes — that one does not belong with the other two.'
    : `Most people would pick the ${POSITIONS[expected]} image here: it is the least like the other two.`;
}

function keyHint(study, position) {
  const hints = [];
  if (study.inputs.includes('NumberKeys')) hints.push(`key ${position + 1}`);
  if (study.inputs.includes('ArrowKeys')) hints.push(['← key', '↓ key', '→ key'][position]);
  return hints.length ? hints.join(' or ') : 'click or tap';
}

function setState(root, state) { root.dataset.trialState = state; }

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}
