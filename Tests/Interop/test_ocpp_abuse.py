"""Interop, issue 14: a station answering garbage, and a `chargectl serve` out of file descriptors, as the commands
see them. Loopback only; every wait bounded; no assertion on elapsed time (a call that waited for its 30 s timeout
overruns the bounded waits instead)."""
import asyncio
import json
import os
import resource
import socket
import subprocess

import websockets

from ocpp_harness import Chargectl
from test_ocpp_serve import Serve, connect, station_messages


async def garbage_station(port, identity, answer="<html>not OCPP</html>", stay=True, timeout=20):
    """Connects as `identity` and answers the first CALL with `answer`; then waits for chargectl to leave (`stay`),
    or leaves itself (serve keeps its stations' connections)."""
    async with asyncio.timeout(timeout):
        async with websockets.connect(f"ws://127.0.0.1:{port}/ocpp/{identity}", subprotocols=["ocpp1.6"],
                                      open_timeout=5) as ws:
            first = json.loads(await ws.recv())
            await ws.send(answer)
            if stay:
                try:
                    await ws.recv()
                except websockets.ConnectionClosed:
                    pass
            return first


def test_config_get_reports_a_garbage_answer_at_once_as_malformed(tmp_path):
    chargectl = Chargectl("config", "get", "ACE0001", "--listen", "127.0.0.1:0", "--wait", "20", "--json",
                          env={"XDG_RUNTIME_DIR": str(tmp_path)})
    first = asyncio.run(garbage_station(chargectl.port(), "ACE0001"))
    assert first[2] == "GetConfiguration"
    # The call timeout is 30 s: a command that waited for it would not finish within these 20.
    status, stdout, stderr = chargectl.finish(timeout=20)
    assert status == 3, stderr
    error = json.loads(stdout)["error"]
    assert error["code"] == "station.invalid-reply"
    assert error["message"] == "ACE0001: GetConfiguration got a malformed answer: message is not valid JSON"


def test_config_get_through_serve_reports_a_garbage_answer_at_once_as_malformed(chargectl, tmp_path):
    serve = Serve(chargectl, tmp_path, "--accept-any")
    try:
        async def scenario():
            station = asyncio.create_task(garbage_station(serve.port, "ACE0002", answer="[]", stay=False))
            await asyncio.sleep(0)
            done = await asyncio.to_thread(
                subprocess.run, [chargectl, "config", "get", "ACE0002", "--wait", "10", "--json"],
                capture_output=True, text=True, timeout=20, env=serve.env)
            await station
            return done

        done = asyncio.run(scenario())
        assert done.returncode == 3, done.stderr
        assert "using the stations of chargectl serve" in done.stderr
        error = json.loads(done.stdout)["error"]
        assert error["message"] == "ACE0002: GetConfiguration got a malformed answer: message is an empty array"
    finally:
        _, _, stderr = serve.stop()
    assert "malformed frame: message is an empty array" in stderr


def test_a_silent_control_socket_is_reported_not_bypassed(chargectl, tmp_path):
    """Something holds serve's socket and never answers: the command says so (exit 3) and opens no listener."""
    directory = tmp_path / "chargectl"
    directory.mkdir(mode=0o700)
    held = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    held.bind(str(directory / "serve.sock"))
    held.listen(8)  # never accepted
    try:
        chargectl_run = Chargectl("config", "get", "ACE0001", "--listen", "127.0.0.1:0", "--wait", "5", "--json",
                                  env={"XDG_RUNTIME_DIR": str(tmp_path)})
        status, stdout, stderr = chargectl_run.finish(timeout=30)
    finally:
        held.close()
    assert status == 3, stderr
    error = json.loads(stdout)["error"]
    assert error["code"] == "serve.not-answering"
    assert error["message"] == f"chargectl serve is running but not answering on {directory / 'serve.sock'}"
    assert "waiting for ACE0001 to connect" not in stderr, "no listener of its own"


def _cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_serve_out_of_file_descriptors_backs_off_and_the_commands_say_so(chargectl, tmp_path):
    limit = 64
    serve = Serve(chargectl, tmp_path, "--accept-any",
                  preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit)))
    held = []
    try:
        async def station_ok():
            ws, cp, listener = await connect(serve.port, "ACE0003")
            await station_messages(cp)
            return ws, listener

        # Open connections until serve has no descriptor left: each accepted one costs it one.
        for _ in range(limit * 2):
            held.append(socket.create_connection(("127.0.0.1", serve.port), timeout=5))
        before = _cpu_seconds(serve.process.pid)
        done = subprocess.run(
            [chargectl, "config", "get", "ACE0003", "--wait", "5", "--json", "--listen", "127.0.0.1:0"],
            capture_output=True, text=True, timeout=30, env=serve.env)
        spent = _cpu_seconds(serve.process.pid) - before
        assert done.returncode == 3, done.stderr
        error = json.loads(done.stdout)["error"]
        assert error["code"] == "serve.not-answering", error
        assert "waiting for ACE0003 to connect" not in done.stderr, "no listener of its own beside serve"
        # Spinning on accept costs a whole core for the ~2 s the command waited for serve's answer; pausing costs
        # next to nothing. Half a CPU-second separates the two with room for a loaded machine.
        assert spent < 0.5, f"serve used {spent:.2f} CPU-s while out of descriptors"

        # Descriptors back: serve accepts again and lends its stations.
        for connection in held:
            connection.close()
        held.clear()

        async def scenario():
            ws, listener = await station_ok()
            done = await asyncio.to_thread(
                subprocess.run, [chargectl, "config", "get", "ACE0003", "--wait", "10", "--json"],
                capture_output=True, text=True, timeout=30, env=serve.env)
            await ws.close()
            listener.cancel()
            return done

        done = asyncio.run(scenario())
        assert done.returncode == 0, done.stderr
    finally:
        for connection in held:
            connection.close()
        status, _, stderr = serve.stop()
    assert "cannot accept connections" in stderr
    assert stderr.count("cannot accept connections") <= 2, "one line per listener and episode, not one per retry"
