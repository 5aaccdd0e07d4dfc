#!/usr/bin/env python3
"""Score who quotewire says each speaker speaks for against the hand-written gold file
(tests/data/affiliations.gold.json): affiliation precision and recall over the gold's speakers.

usage: tools/score_affiliations.py [--gold tests/data/affiliations.gold.json]
                                   [--dev ../shared/data/dev/quotes_articles.jsonl]
                                   [--quotewire build/quotewire] [--show]

A speaker's predicted affiliations are those of all its statements in the article (speaker
matched by last name, case and accents folded); one is right when its name equals one of the
gold entry's names, folded the same way. Gold speakers with no statement found count with no
prediction (recall only).
"""
import argparse, json, os, subprocess, sys, unicodedata, re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")


def fold(s):
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"\w+", s))


def last(s):
    words = fold(s).split()
    return words[-1] if words else ""


def articles(gold, dev_path):
    dev = {json.loads(l)["id"]: json.loads(l)["text"] for l in open(dev_path, encoding="utf-8")}
    for a in gold["articles"]:
        key = a["article"]
        if key in dev:
            yield key, dev[key]
        elif "#" in key:
            path, wanted = key.split("#", 1)
            for line in open(os.path.join(ROOT, path), encoding="utf-8"):
                art = json.loads(line)
                if art.get("id") == wanted:
                    yield key, art["body"]
        else:
            text = open(os.path.join(ROOT, key), encoding="utf-8").read()
            yield key, text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=os.path.join(ROOT, "tests", "data", "affiliations.gold.json"))
    ap.add_argument("--dev", default=os.path.join(ROOT, "..", "shared", "data", "dev", "quotes_articles.jsonl"))
    ap.add_argument("--quotewire", default=os.path.join(ROOT, "build", "quotewire"))
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    gold = json.load(open(args.gold, encoding="utf-8"))
    texts = dict(articles(gold, args.dev))
    lines = "".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items())
    out = subprocess.run([args.quotewire, "extract", "--jsonl", "-"], input=lines.encode(),
                         capture_output=True, check=True).stdout.decode()
    results = {json.loads(l)["id"]: json.loads(l) for l in out.splitlines()}
    tp = predicted = expected = 0
    rows = []
    for a in gold["articles"]:
        quotes = results[a["article"]].get("quotes", [])
        for g in a["speakers"]:
            names = set()
            for q in quotes:
                sp = q.get("speaker") or {}
                if last(sp.get("name")) == last(g["speaker"]) or last(sp.get("mention")) == last(g["speaker"]):
                    for f in sp.get("affiliations", []):
                        names.add(f["name"])
            wanted = [{fold(n) for n in entry} for entry in g["for"]]
            got = {fold(n) for n in names}
            right = sum(1 for w in wanted if w & got)
            wrong = [n for n in names if not any(fold(n) in w for w in wanted)]
            tp += right
            expected += len(wanted)
            predicted += right + len(wrong)
            if args.show and (wrong or right < len(wanted)):
                rows.append(f"{a['article'][:48]} | {g['speaker']} | gold {[e[0] for e in g['for']]} | got {sorted(names)}")
    p = tp / predicted if predicted else 0.0
    r = tp / expected if expected else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(json.dumps({"speakers": sum(len(a["speakers"]) for a in gold["articles"]), "gold": expected,
                      "predicted": predicted, "right": tp, "precision": round(p, 3), "recall": round(r, 3),
                      "f1": round(f, 3)}))
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
