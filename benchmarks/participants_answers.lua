-- wrk script for benchmarks/participants.sh: posts prepared answers, each once, and logs what the server said.
-- Arguments (after `--`): ANSWERS_FILE LOG_PREFIX THREADS RUN_TAG (8 hex digits, unique per run). Thread k (0-based) takes the lines i with i % THREADS == k
-- of ANSWERS_FILE ("sessionId token trialId position" per line) and writes "status responseId" per response to
-- LOG_PREFIX.k, so the driver can check afterwards that every acknowledged answer is stored exactly once.
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

local answers, next_answer, log = {}, 1, nil

function init(args)
  local file, prefix, threads = args[1], args[2], tonumber(args[3])
  local i = 0
  for line in io.lines(file) do
    if i % threads == id then
      local session, token, trial, position = line:match("^(%S+) (%S+) (%S+) (%S+)$")
      answers[#answers + 1] = { session, token, trial, position }
    end
    i = i + 1
  end
  -- A uuid-shaped id per answer: run tag + thread id + counter keeps ids unique across threads and runs.
  run_tag = args[4]
  log = io.open(prefix .. "." .. id, "w")
  log:setvbuf("line")
end

local seq = 0

function request()
  local a = answers[next_answer]
  if a == nil then
    -- Out of prepared answers: the driver sizes the file so this never happens; an honest 404-style miss is logged.
    return wrk.format("GET", "/api/participate/sessions/00000000-0000-0000-0000-000000000000")
  end
  next_answer = next_answer + 1
  seq = seq + 1
  local response_id = string.format("%s-%04x-4%03x-8%03x-%012x", run_tag, id, seq % 4096, math.floor(seq / 4096) % 4096, seq)
  local body = '{"id":"' .. response_id .. '","trialId":"' .. a[3] .. '","chosenPosition":' .. a[4] ..
    ',"input":"Keyboard","onsetTimeMs":1000.0,"responseTimeMs":2500.0,"refreshIntervalMs":16.7,' ..
    '"focusLost":false,"fullscreenExits":0,"onsetMethod":"ElementTiming"}'
  return wrk.format("POST", "/api/participate/sessions/" .. a[1] .. "/responses",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. a[2] }, body)
end

function response(status, headers, body)
  local rid = body:match('"id":"([0-9a-f%-]+)"') or "-"
  log:write(status, " ", rid, "\n")
end
