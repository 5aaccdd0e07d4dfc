#!/usr/bin/env python3
"""Cross-validate the attribution model by outlet: for each outlet of the corpus, train on the
others (`quotewire train attribution --exclude-outlet O`), extract that outlet's articles with the
fold's model and score them with the shared scorer (score_attribution.py). Prints the pooled
figures, each outlet's, their mean and the worst outlet; --manifest writes them into a model's
manifest under "cross_validation".

usage:
  tools/crossval_attribution.py CORPUS.jsonl [--holdout DEV.jsonl ...] [--quotewire build/quotewire]
                                [--manifest extract/models/attribution.manifest.json]
"""
import argparse, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score_attribution as sa  # noqa: E402


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return round(p, 3), round(r, 3), round(2 * p * r / (p + r), 3) if p + r else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--holdout", action="append", default=[])
    ap.add_argument("--quotewire", default=os.path.join(HERE, "..", "build", "quotewire"))
    ap.add_argument("--scorer", default=os.path.join(HERE, "..", "..", "shared", "tools", "score_extract.py"))
    ap.add_argument("--manifest")
    ap.add_argument("--train-arg", action="append", default=[], help="passed to quotewire train")
    args = ap.parse_args()
    sc = sa.load_scorer(args.scorer)
    held = set()
    for h in args.holdout:
        held |= {json.loads(l)["id"] for l in open(h, encoding="utf-8")}
    articles = [a for a in (json.loads(l) for l in open(args.corpus, encoding="utf-8")) if a["id"] not in held]
    outlets = sorted({sa.outlet_of(a["id"]) for a in articles})
    pooled = {"gold": 0, "predicted": 0, "found": 0, "attributed": 0}
    kinds = {}
    per = {}
    with tempfile.TemporaryDirectory() as tmp:
        for o in outlets:
            model = os.path.join(tmp, f"{o}.qwm")
            cmd = [args.quotewire, "train", "attribution", "--corpus", args.corpus, "--exclude-outlet", o, "--out", model]
            for h in args.holdout:
                cmd += ["--holdout", h]
            cmd += args.train_arg
            subprocess.run(cmd, check=True, capture_output=True)
            part = [a for a in articles if sa.outlet_of(a["id"]) == o]
            rep = sa.score(sc, part, sa.extract_all(args.quotewire, part, dict(os.environ), model)).report()
            per[o] = sa.summary(rep)
            for k in pooled:
                pooled[k] += rep[k]
            for k, v in rep["by_kind"].items():
                acc = kinds.setdefault(k, {"gold": 0, "found": 0, "attributed": 0})
                for f in acc:
                    acc[f] += v[f]
    qp, qr, qf = prf(pooled["found"], pooled["predicted"], pooled["gold"])
    ap_, ar, af = prf(pooled["attributed"], pooled["predicted"], pooled["gold"])
    out = {"folds": "7-fold by outlet: train on the other outlets, score this one",
           "pooled": pooled | {"quote_P": qp, "quote_R": qr, "quote_F1": qf, "attributed_P": ap_,
                               "attributed_R": ar, "attributed_F1": af,
                               "recall_by_kind": {k: round(v["found"] / v["gold"], 3) for k, v in sorted(kinds.items())}},
           "per_outlet": {o: {k: per[o][k] for k in ("quote_F1", "attributed_F1", "indirect_R")} for o in outlets}}
    for key in ("quote_F1", "attributed_F1"):
        vals = [per[o][key] for o in outlets]
        worst = min(outlets, key=lambda o: per[o][key])
        out[f"mean_{key}"] = round(sum(vals) / len(vals), 3)
        out[f"worst_{key}"] = {"outlet": worst, "value": per[worst][key]}
    print(json.dumps(out, indent=1))
    if args.manifest:
        m = json.load(open(args.manifest, encoding="utf-8"))
        m["cross_validation"] = out
        with open(args.manifest, "w", encoding="utf-8") as f:
            json.dump(m, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
