"""Answer-ingest benchmark driver for benchmarks/participants.sh (standard library only).

1. Prepares sessions through the participant API (start, consent, fetch every trial), so that what is measured is
   only POST …/responses; a run answers each prepared trial at most once (catch trials correctly: no session ends).
2. Per repetition, interleaved: wrk posts answers to each server (variant) at each connection count for
   BENCH_SECONDS, then pgbench inserts the same row shape at the same client count; the server's own latency is
   read from /api/metrics/participant-api.
3. After each run checks integrity (every acknowledged answer stored, no trial with two rows, no id acknowledged
   twice), then empties alignet.responses so the next run can answer the same trials again.
Prints a markdown table (median and min–max over the repetitions) and keeps everything under the results folder.
"""
import concurrent.futures, http.client, http.cookiejar, json, os, random, re, statistics, subprocess, sys, time
import urllib.parse, urllib.request

study, work, results = sys.argv[1:4]
# Servers to compare, "label=url" each (participants.sh: the same build with and without the group-commit queue).
variants = [tuple(v.split("=", 1)) for v in sys.argv[4:]]
base = variants[0][1]
reps, seconds, warmup = int(os.environ.get("BENCH_REPS", 5)), int(os.environ.get("BENCH_SECONDS", 6)), 5
connections = [int(c) for c in os.environ.get("BENCH_CONNECTIONS", "16 64").split()]
max_rate = int(os.environ.get("BENCH_MAX_RATE", 6000))  # answers prepared per run = seconds × this
pg = ["-h", "127.0.0.1", "-p", os.environ["ALIGNET_PG_PORT"], "-U", "alignet"]
pgbin = os.environ["PGBIN"]
host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port


def psql(sql, stdin=None):
    return subprocess.run([f"{pgbin}/psql", *pg, "-d", "alignet_load", "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql],
                          input=stdin, capture_output=True, text=True, check=True).stdout


def call(conn, method, path, token=None, body=None):
    headers = {"Content-Type": "application/json"}
    if token: headers["Authorization"] = f"Bearer {token}"
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    r = conn.getresponse()
    data = r.read()
    if r.status >= 300: raise RuntimeError(f"{method} {path}: {r.status} {data[:300]!r}")
    return json.loads(data)


def prepare_sessions(count):
    """Starts `count` sessions, consents and fetches all their trials (16 workers); returns {sessionId: token}."""
    def one_worker(n):
        conn, out = http.client.HTTPConnection(host, port, timeout=60), {}
        for _ in range(n):
            s = call(conn, "POST", f"/api/participate/studies/{study}/sessions", body={"parameters": {}, "token": None})
            sid, token = s["sessionId"], s["token"]
            call(conn, "POST", f"/api/participate/sessions/{sid}/consent", token, {"accepted": True})
            fetched, total = 0, 1
            while fetched < total:
                batch = call(conn, "GET", f"/api/participate/sessions/{sid}/trials?from={fetched}&count=50", token)
                total, fetched = batch["totalTrials"], fetched + max(1, len(batch["trials"]))
            out[sid] = token
        return out
    workers = 16
    sessions = {}
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        for part in pool.map(one_worker, [count // workers + (i < count % workers) for i in range(workers)]):
            sessions.update(part)
    return sessions


class Metrics:
    """Signs in as staff (the login form, like a browser) to reset and read the server's latency figures."""
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        form = self.opener.open(self.base + "/account/login").read().decode()
        token = re.search(r'name="__RequestVerificationToken" value="([^"]+)"', form).group(1)
        data = urllib.parse.urlencode({"_handler": "login", "__RequestVerificationToken": token.replace("&#x2B;", "+"),
                                       "Input.Email": os.environ["ALIGNET_STAFF_EMAIL"],
                                       "Input.Password": os.environ["ALIGNET_STAFF_PASSWORD"]}).encode()
        self.opener.open(self.base + "/account/login", data)
        self.read()

    def reset(self):
        self.opener.open(urllib.request.Request(self.base + "/api/metrics/participant-api/reset", data=b"", method="POST"))

    def read(self):
        report = json.loads(self.opener.open(self.base + "/api/metrics/participant-api").read())
        return next((r for r in report["routes"] if r["route"].endswith("/responses")), None)


def load_average():
    return float(open("/proc/loadavg").read().split()[0])


def run_wrk(url, conns, answers_file, tag, secs):
    log = f"{work}/wrk-{tag}.log"
    out = subprocess.run(["wrk", "-t2", f"-c{conns}", f"-d{secs}s", "--latency", "--timeout", "10s",
                          "-s", f"{os.path.dirname(__file__)}/participants_answers.lua", url,
                          "--", answers_file, log, "2", tag], capture_output=True, text=True, check=True).stdout
    statuses, acked = {}, []
    for k in range(2):
        for line in open(f"{log}.{k}"):
            status, rid = line.split()
            statuses[status] = statuses.get(status, 0) + 1
            if status in ("200", "201"): acked.append(rid)
    elapsed = float(re.search(r"requests in ([\d.]+)s", out).group(1))
    lat = {p: to_ms(v) for p, v in re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M)}
    return {"wrk": out, "statuses": statuses, "acked": acked, "elapsed_s": elapsed, "client_p50_ms": lat["50"], "client_p99_ms": lat["99"]}


def to_ms(v):
    n, unit = re.match(r"([\d.]+)(\w+)", v).groups()
    return float(n) * {"us": 1e-3, "ms": 1, "s": 1e3, "m": 6e4}[unit]


def run_pgbench(clients, secs):
    out = subprocess.run([f"{pgbin}/pgbench", *pg, "-n", f"-c{clients}", "-j2", f"-T{secs}", "-f", f"{work}/insert.sql", "alignet_load"],
                         capture_output=True, text=True, check=True).stdout
    return float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", out).group(1))


def main():
    # Every run answers the same prepared trials: after each run the answers are checked and the table emptied
    # (TRUNCATE), and pgbench's table is emptied before each of its runs too, so both always start from empty tables.
    per_run = seconds * max_rate
    trials_per_session = int(psql(f"""SELECT "TrialsPerParticipant" + "PracticeTrials" FROM alignet.studies WHERE "Id" = '{study}'"""))
    needed = per_run // trials_per_session + 1
    print(f"Preparing {needed:,} sessions ({trials_per_session} trials each) ...", file=sys.stderr)
    t0 = time.time()
    tokens = prepare_sessions(needed)
    print(f"  {len(tokens):,} sessions in {time.time() - t0:.0f} s", file=sys.stderr)
    rows = [l.split("|") for l in psql("""SELECT "SessionId", "Id", coalesce("ExpectedPosition", 0) FROM alignet.trials""").split()]
    answers = [f"{s} {tokens[s]} {t} {p}" for s, t, p in rows if s in tokens]
    print(f"  {len(answers):,} answers prepared (each run may post each once)", file=sys.stderr)

    def answers_file(i):
        random.Random(i).shuffle(answers)
        path = f"{work}/answers-{i}.txt"
        with open(path, "w") as f: f.write("\n".join(answers) + "\n")
        return path

    def checked_run(url, conns, index, secs):
        r = run_wrk(url, conns, answers_file(index), f"{index:08x}", secs)
        time.sleep(1)  # requests still in flight when wrk stopped finish on the server
        r["integrity"] = integrity(r["acked"])
        psql("TRUNCATE alignet.responses")
        return r

    metrics = {label: Metrics(url) for label, url in variants}
    checks, records, index = [], [], 0
    for label, url in variants:  # warm-up per server (JIT, pools, caches): not timed, but checked
        checks.append(checked_run(url, connections[0], index, warmup)["integrity"])
        index += 1
    for rep in range(reps):
        for conns in connections:
            for label, url in variants:
                load_before = load_average()
                metrics[label].reset()
                r = checked_run(url, conns, index, seconds)
                server = metrics[label].read()
                checks.append(r["integrity"])
                records.append({"rep": rep, "variant": label, "connections": conns, "answers_per_s": len(r["acked"]) / r["elapsed_s"],
                                "server_p50_ms": server["p50Ms"], "server_p99_ms": server["p99Ms"], "server_max_ms": server["maxMs"],
                                "client_p50_ms": r["client_p50_ms"], "client_p99_ms": r["client_p99_ms"], "statuses": r["statuses"],
                                "prepared": len(answers), "integrity": r["integrity"], "load_before": load_before, "load_after": load_average()})
                index += 1
            psql("TRUNCATE alignet.bench_responses")
            tps = run_pgbench(conns, seconds)
            for record in records[-len(variants):]:
                record["pgbench_tps"] = tps
                print(f"  rep {rep + 1} c{conns} {record['variant']}: {record['answers_per_s']:,.0f}/s server p99 {record['server_p99_ms']:.1f} ms, "
                      f"client p99 {record['client_p99_ms']:.1f} ms, pgbench {tps:,.0f}/s, load {record['load_before']:.1f}, {record['statuses']}", file=sys.stderr)

    check = {k: sum(c[k] for c in checks) for k in checks[0]}
    json.dump({"records": records, "integrity": check}, open(f"{results}/ingest.json", "w"), indent=1)
    report(records, check)


def integrity(acked):
    """This run's acknowledged ids against alignet.responses (which holds only this run's answers)."""
    path = f"{work}/acked.txt"
    open(path, "w").write("\n".join(acked) + "\n")
    out = subprocess.run([f"{pgbin}/psql", *pg, "-d", "alignet_load", "-v", "ON_ERROR_STOP=1", "-qAt", "-F", " "],
                         input=f"""CREATE TEMP TABLE acked(id uuid);
\\copy acked FROM '{path}'
SELECT (SELECT count(*) FROM acked), (SELECT count(DISTINCT id) FROM acked),
       (SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM alignet.responses r WHERE r."Id" = a.id)),
       (SELECT count(*) FROM (SELECT "TrialId" FROM alignet.responses GROUP BY 1 HAVING count(*) > 1) d),
       (SELECT count(*) FROM alignet.responses r WHERE NOT EXISTS (SELECT 1 FROM acked a WHERE a.id = r."Id"));
""", capture_output=True, text=True, check=True).stdout.split()
    keys = ["acknowledged", "acknowledged_distinct", "lost", "trials_with_two_rows", "stored_unacknowledged"]
    return dict(zip(keys, map(int, out)))


def report(records, check):
    def spread(values, fmt):
        return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"
    print("| server | connections | answers/s | server p50 | server p99 | client p50 (wrk) | client p99 (wrk) | pgbench rows/s (same clients) | answers / pgbench | non-2xx | load avg |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for label, conns in [(label, conns) for conns in connections for label, _ in variants]:
        rs = [r for r in records if r["connections"] == conns and r["variant"] == label]
        non2xx = sum(n for r in rs for s, n in r["statuses"].items() if s not in ("200", "201"))
        print(f"| {label} | {conns} | {spread([r['answers_per_s'] for r in rs], '{:,.0f}')} | {spread([r['server_p50_ms'] for r in rs], '{:.1f} ms')} "
              f"| {spread([r['server_p99_ms'] for r in rs], '{:.1f} ms')} | {spread([r['client_p50_ms'] for r in rs], '{:.1f} ms')} "
              f"| {spread([r['client_p99_ms'] for r in rs], '{:.1f} ms')} | {spread([r['pgbench_tps'] for r in rs], '{:,.0f}')} "
              f"| {spread([r['answers_per_s'] / r['pgbench_tps'] for r in rs], '{:.2f}')} | {non2xx} "
              f"| {min(r['load_before'] for r in rs):.1f}–{max(r['load_after'] for r in rs):.1f} |")
    if len(variants) > 1:
        # The machine is shared: runs of the same repetition ran seconds apart, so their ratio is steadier than either.
        (a, _), (b, _) = variants[0], variants[1]
        print(f"\nPaired per repetition, {a} ÷ {b}:")
        for conns in connections:
            pairs = [(x, y) for x in records for y in records if x["rep"] == y["rep"] and x["connections"] == y["connections"] == conns
                     and x["variant"] == a and y["variant"] == b]
            print(f"- {conns} connections: answers/s × {spread([x['answers_per_s'] / y['answers_per_s'] for x, y in pairs], '{:.2f}')}, "
                  f"server p99 × {spread([x['server_p99_ms'] / y['server_p99_ms'] for x, y in pairs], '{:.2f}')}")
    exhausted = sum(n for r in records for st, n in r["statuses"].items() if st == "401")
    if exhausted: print(f"\nWARNING: {exhausted:,} requests found no prepared answer left (401 on a dummy session): raise BENCH_MAX_RATE.")
    print(f"\nIntegrity: {check['acknowledged']:,} acknowledged ({check['acknowledged_distinct']:,} distinct ids), "
          f"{check['lost']} lost, {check['trials_with_two_rows']} trials with two rows, "
          f"{check['stored_unacknowledged']} stored but not acknowledged (in flight when a run's clock stopped).")


main()
