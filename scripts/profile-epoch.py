#!/usr/bin/env python3
"""Where one training epoch's time goes, by layer and pass, from a JFR recording of `convscope train`.

    scripts/profile-epoch.py [--model seed-001] [--data mnist] [--jar target/convscope.jar]

Runs one epoch with Java Flight Recorder's sampling profiler (settings=profile, a sample of every
running Java thread every 10-20 ms), then attributes each sample to the innermost frame of the
engine that names a step of the epoch: a layer's forward or backward pass (the Parallel workers'
lambdas count for the method that made them), the optimizer, the loss, the divergence checks and
backups of Model.step, the batch copies and shuffling of Model.fit, and the validation pass. Within
a layer's pass it also lists the source lines the time went to (e.g. the GEMM of dW against the
GEMM of dX in Conv2D.backwardLinear). Needs a JDK's `jfr` tool on the PATH and only Python 3.
"""
import argparse, bisect, collections, json, os, re, subprocess, sys, tempfile

ENGINE = "org.convscope.engine."
SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "java")
# the step an engine method belongs to: the first of these that matches the innermost engine frames
STEPS = [
    (re.compile(r"Model\.evaluate|Model\.predict"), "validation pass (Model.evaluate)"),
    (re.compile(r"(Adam|Sgd|RmsProp|Optimizer)\."), "optimizer step"),
    (re.compile(r"Model\.(saveBackup|diverged)|Tensor\.isFinite"), "backup and NaN checks (Model.step)"),
    (re.compile(r"Loss\."), "loss and its gradient"),
    (re.compile(r"Model\.accumulate"), "gradient sums where branches meet (Model.accumulate)"),
    (re.compile(r"Regulari[sz]"), "regularization"),
]
LAYER = re.compile(r"^(\w+)\.(forward|backward\w*|lambda\$(forward|backward\w*)\$\d+)$")


def frame_name(f):
    t = f["method"]["type"]["name"].replace("/", ".")
    return t, f["method"]["name"], f.get("lineNumber", -1)


def source_line(cls, line):
    path = os.path.join(SRC, cls.split("$")[0].replace(".", "/") + ".java")
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read().splitlines()[line - 1].strip()[:90]
    except (OSError, IndexError):
        return ""


def attribute(frames):
    """(step, detail) of one sample's stack, innermost frame first."""
    engine = [(t[len(ENGINE):], m, ln) for t, m, ln in map(frame_name, frames) if t.startswith(ENGINE)]
    for cls, method, line in engine:
        short = cls.split("$")[0]
        for pattern, step in STEPS:
            if pattern.search(short + "." + method):
                return step, f"{short}.{method}"
        m = LAYER.match(short + "." + method)
        if m and short not in ("Layer", "Model"):
            pass_ = m.group(3) or m.group(2)
            return f"{short}.{pass_}", f"{short}.java:{line}  {source_line(ENGINE + short, line)}"
    for cls, method, line in engine:
        if cls.startswith("Model") and method in ("fit", "step", "trainStep"):
            return "batches: copy and shuffle (Model.fit)", f"{cls}.{method}:{line}  {source_line(ENGINE + cls, line)}"
    if engine:
        return "other engine", f"{engine[0][0].split('$')[0]}.{engine[0][1]}"
    names = [t + "." + m for t, m, _ in map(frame_name, frames[:3])]
    return "outside the engine (JIT, GC, loading)", " < ".join(names)


POOL = "convscope-compute"
UNKNOWN = ("other engine", "outside the engine (JIT, GC, loading)")


def timestamp_ms(iso):
    """Milliseconds of an ISO-8601 instant such as 2026-12-07T01:55:41.492570055Z (within its day is enough here)."""
    hms = iso.split("T")[1].rstrip("Z")
    h, m, sec = hms.split(":")
    return (int(h) * 3600 + int(m) * 60 + float(sec)) * 1000


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="seed-001")
    ap.add_argument("--data", default="mnist")
    ap.add_argument("--jar", default="target/convscope.jar")
    ap.add_argument("--recording", help="analyse this .jfr instead of recording a new one")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="convscope-profile")
    jfr = args.recording or os.path.join(work, "epoch.jfr")
    if not args.recording:
        cmd = ["java", "--add-modules", "jdk.incubator.vector", f"-XX:StartFlightRecording=filename={jfr},settings=profile",
               "-jar", args.jar, "train", "--model", args.model, "--data", args.data, "--epochs", "1",
               "--out", os.path.join(work, "model.convscope")]
        print("$ " + " ".join(cmd), flush=True)
        subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    dump = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", jfr],
                          check=True, capture_output=True, text=True).stdout
    events = json.loads(dump)["recording"]["events"]
    # A layer's pass hands its GEMMs and loops to the Parallel pool, whose threads' stacks do not show the
    # layer; the thread that called it runs a share itself, so a pool sample takes the step of that thread's
    # nearest sample (within 25 ms) when the pool stack names none.
    samples = []  # (time in ms, thread, step, detail)
    for e in events:
        st = e["values"]["stackTrace"]
        if not st:
            continue
        thread = (e["values"].get("sampledThread") or {}).get("javaName") or "?"
        step, detail = attribute(st["frames"])
        samples.append((timestamp_ms(e["values"]["startTime"]), thread, step, detail))
    callers = sorted((t, step) for t, thread, step, _ in samples if not thread.startswith(POOL) and step not in UNKNOWN)
    times = [t for t, _ in callers]
    steps, details = collections.Counter(), collections.defaultdict(collections.Counter)
    for t, thread, step, detail in samples:
        if thread.startswith(POOL) and step in UNKNOWN and callers:
            i = bisect.bisect_left(times, t)
            near = min((j for j in (i - 1, i) if 0 <= j < len(times)), key=lambda j: abs(times[j] - t))
            if abs(times[near] - t) <= 25:
                detail = f"{detail} (on a pool thread)"
                step = callers[near][1]
        steps[step] += 1
        details[step][detail] += 1
    total = sum(steps.values())
    print(f"{total} samples of running Java threads; load average {os.getloadavg()[0]:.1f} now")
    for step, n in steps.most_common():
        print(f"{100 * n / total:5.1f} %  {step}")
        for detail, k in details[step].most_common(4):
            print(f"         {100 * k / total:5.1f} %  {detail}")


if __name__ == "__main__":
    sys.exit(main())
