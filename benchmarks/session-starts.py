#!/usr/bin/env python3
"""Session starts per second against a running web app: each of N workers loops start -> consent -> first batch of
10 trials (what a browser does before the first trial), over keep-alive HTTP/1.1 connections, for S seconds.
Prints one JSON line: completed starts, starts/s, p50/p99 of the whole start (ms), errors. Standard library only.
Usage: session-starts.py URL STUDY_ID WORKERS SECONDS"""
import asyncio, json, sys, time


class Connection:
    def __init__(self, host, port):
        self.host, self.port, self.reader, self.writer = host, port, None, None

    async def request(self, method, path, body=None, token=None):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        data = json.dumps(body).encode() if body is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n"
        if token:
            head += f"Authorization: Bearer {token}\r\n"
        self.writer.write(head.encode() + b"\r\n" + data)
        await self.writer.drain()
        status_line = await self.reader.readline()
        status = int(status_line.split()[1])
        length, chunked = 0, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "transfer-encoding" and "chunked" in value:
                chunked = True
        if chunked:
            payload = b""
            while True:
                size = int((await self.reader.readline()).strip(), 16)
                if size == 0:
                    await self.reader.readline()
                    break
                payload += await self.reader.readexactly(size)
                await self.reader.readline()
        else:
            payload = await self.reader.readexactly(length)
        return status, payload


async def worker(host, port, study, deadline, latencies, errors):
    conn = Connection(host, port)
    while time.monotonic() < deadline:
        began = time.monotonic()
        try:
            status, payload = await conn.request("POST", f"/api/participate/studies/{study}/sessions", {"parameters": {}, "token": None})
            if status != 200:
                errors[status] = errors.get(status, 0) + 1
                continue
            view = json.loads(payload)
            sid, token = view["sessionId"], view["token"]
            status, _ = await conn.request("POST", f"/api/participate/sessions/{sid}/consent", {"accepted": True}, token)
            status2, batch = await conn.request("GET", f"/api/participate/sessions/{sid}/trials?from=0&count=10", None, token)
            if status != 200 or status2 != 200 or len(json.loads(batch)["trials"]) != 10:
                errors["flow"] = errors.get("flow", 0) + 1
                continue
            if time.monotonic() <= deadline:
                latencies.append((time.monotonic() - began) * 1000)
        except (OSError, asyncio.IncompleteReadError, ValueError) as e:
            errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
            conn = Connection(host, port)


async def main():
    url, study, workers, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    host, port = url.split("//")[1].split(":")
    latencies, errors = [], {}
    began = time.monotonic()
    deadline = began + seconds
    await asyncio.gather(*(worker(host, int(port), study, deadline, latencies, errors) for _ in range(workers)))
    latencies.sort()
    pick = lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1) if latencies else None
    print(json.dumps({"workers": workers, "seconds": seconds, "starts": len(latencies),
                      "starts_per_s": round(len(latencies) / seconds, 1), "p50_ms": pick(0.5), "p99_ms": pick(0.99), "errors": errors}))


asyncio.run(main())
