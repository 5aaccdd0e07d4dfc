#!/usr/bin/env python3
"""Score quotewire's statements against gold quote annotations, fast: one `quotewire extract
--jsonl` process for the whole corpus, matched and counted by the shared scorer's own code
(shared/tools/score_extract.py), so the figures are the scorer's.

usage:
  tools/score_attribution.py GOLD.jsonl [--quotewire build/quotewire] [--by-outlet]
                             [--model FILE] [--show FILE] [--only-outlet O]

--by-outlet  also report each outlet (the id's part after "-train-" up to "_": PolNeAR's 7)
--model      an attribution model file (quotewire train attribution) in place of the bundled one
--env        NAME=VALUE passed to quotewire's environment
--show FILE  write the misses and false hits there
"""
import argparse, importlib.util, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score_extract", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def outlet_of(article_id):
    tail = article_id.split("-train-", 1)[-1]
    return tail.split("_", 1)[0]


def extract_all(quotewire, articles, env, model=None):
    lines = "".join(json.dumps({"id": a["id"], "text": a["text"]}) + "\n" for a in articles)
    cmd = [quotewire, "extract", "--jsonl", "-"] + (["--attribution-model", model] if model else [])
    out = subprocess.run(cmd, input=lines.encode(),
                         capture_output=True, env=env, check=True)
    results = {}
    for line in out.stdout.decode().splitlines():
        r = json.loads(line)
        results[r["id"]] = r
    return results


def score(sc, articles, results):
    q = sc.Quotes()
    for art in articles:
        res = results.get(art["id"])
        if res is None or "error" in res:
            q.fails += 1
            continue
        gold = [{"quote": g["quote"], "kind": g.get("kind", "?"),
                 "counted": bool(g.get("speech_cue_helper", True)),
                 "speakers": [g.get("speaker_canonical_helper") or g.get("speaker") or "",
                              g.get("speaker") or ""]} for g in art.get("quotes", [])]
        gold += [{"quote": u["quote"], "kind": "?", "counted": False, "speakers": [""]}
                 for u in art.get("unattributed", [])]
        q.add(art["id"], gold, res.get("quotes", []))
    return q


def summary(report):
    kinds = report["by_kind"]
    ind = kinds.get("indirect", {"gold": 0, "found": 0})
    return {k: report[k] for k in ("gold", "predicted", "found", "attributed", "quote_P", "quote_R",
                                   "quote_F1", "attributed_P", "attributed_R", "attributed_F1")} | {
        "indirect_R": round(ind["found"] / ind["gold"], 3) if ind["gold"] else None,
        "recall_by_kind": {k: round(v["found"] / v["gold"], 3) for k, v in sorted(kinds.items()) if v["gold"]}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--quotewire", default=os.path.join(HERE, "..", "build", "quotewire"))
    ap.add_argument("--scorer", default=os.path.join(HERE, "..", "..", "shared", "tools", "score_extract.py"))
    ap.add_argument("--by-outlet", action="store_true")
    ap.add_argument("--only-outlet")
    ap.add_argument("--env", action="append", default=[])
    ap.add_argument("--model", help="attribution model file instead of the bundled one")
    ap.add_argument("--show")
    args = ap.parse_args()
    sc = load_scorer(args.scorer)
    articles = [json.loads(l) for l in open(args.gold, encoding="utf-8")]
    if args.only_outlet:
        articles = [a for a in articles if outlet_of(a["id"]) == args.only_outlet]
    env = dict(os.environ)
    for kv in args.env:
        k, v = kv.split("=", 1)
        env[k] = v
    results = extract_all(args.quotewire, articles, env, args.model)
    q = score(sc, articles, results)
    out = {"all": summary(q.report())}
    if args.by_outlet:
        for o in sorted({outlet_of(a["id"]) for a in articles}):
            part = [a for a in articles if outlet_of(a["id"]) == o]
            out[o] = summary(score(sc, part, results).report())
    print(json.dumps(out, indent=1))
    if args.show:
        with open(args.show, "w", encoding="utf-8") as f:
            for m in q.misses:
                f.write(" | ".join(str(x) for x in m) + "\n")


if __name__ == "__main__":
    main()
