#!/usr/bin/env python3
"""Derive the machine-made word lists in this folder (see SOURCES.md).

usage: python3 derive_lists.py [GMB_CONLL_GZ [CONLL_TRAIN_GZ]]
  GMB_CONLL_GZ defaults to ../../../shared/data/ner/gmb_conll_utf8.txt.gz (the GMB corpus as
  "token POS TAG" lines, see shared/data/ner/README.md); CONLL_TRAIN_GZ to
  ../../../shared/data/ner/conll2003/eng.train.gz (CoNLL-2003's training set only).

Writes, each with a header saying where it came from:
  first_names.txt    first tokens of multi-token person spans in GMB and CoNLL-2003 train that are
                     not common words
  finite_verbs.txt   words tagged as a finite verb (VBD, VBZ, VBP, MD) in at least half of >= 3 uses
                     in GMB and CoNLL-2003 train: "wins", "is", "would" (a clause has begun)
  common_words.txt   words GMB writes in lower case more often than capitalised mid-sentence
                     (a capitalised one at a sentence start is then most likely not a name)
  gmb_places.txt     GMB geo spans seen >= 4 times and tagged geo in >= 80% of them (a single
                     word only if never part of a person's name and more often alone than
                     inside longer names: not "Democratic" from "Democratic Party")
  gmb_organisations.txt  GMB org spans, same rule
  countries.tsv      ISO 3166-1 names from Debian's iso-codes (short, common and official forms)
  cities.txt         city names of the tz database zones (Debian's tzdata zone1970.tab)
  us_states.txt      ISO 3166-2 subdivisions of the US and Canada (Debian's iso-codes)
  geonames_places.txt  cities of >= 15,000 people (US: >= 100,000) and first-level divisions from
                     GeoNames, as
                     Debian's libgeonames0 ships them (needs libgeonames0 and libglib2.0-bin's
                     `gresource`; without them the file is left as it is), minus names that GMB
                     mostly uses for something else (people, organisations, untagged words)
The GMB lists use only the first HELD_OUT sentences: the rest of the corpus (two contiguous blocks
of 3,000 sentences, [41957, 44957) for development and [44957, 47957) for a final check) is kept
for measuring entity recognition on text the lists were not made from.
The script is deterministic: same inputs, same files.
"""
import gzip, json, os, re, shutil, struct, subprocess, sys, unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
GMB = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    HERE, "..", "..", "..", "shared", "data", "ner", "gmb_conll_utf8.txt.gz")
ISO = "/usr/share/iso-codes/json"
TZ = "/usr/share/zoneinfo/zone1970.tab"
GEONAMES_LIB = "/usr/lib/x86_64-linux-gnu/libgeonames.so.0"
GEONAMES_RESOURCE = "/com/lomiri/geonames/cities.compiled"
NAME_WORD = re.compile(r"^[A-Z][A-Za-z.'-]*$")
# GMB tags these as organisations although they are diseases or generic words.
NOT_NAMES = {"AIDS", "HIV", "SARS", "H5N1", "Internet", "Web"}
CONLL = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    HERE, "..", "..", "..", "shared", "data", "ner", "conll2003", "eng.train.gz")
HELD_OUT = 41957  # sentences from this index on are for evaluation only


def write(name, header, lines):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write("".join(f"# {h}\n" for h in header))
        for line in lines:
            f.write(line + "\n")


def sentences(column=2):
    """The GMB sentences before HELD_OUT, as (token, tag) lists; column 1 gives the POS tag."""
    sent, count = [], 0
    for line in gzip.open(GMB, "rt", encoding="utf-8"):
        parts = line.split()
        if not parts:
            if sent:
                count += 1
                if count > HELD_OUT:
                    return
                yield sent
            sent = []
            continue
        sent.append((parts[0], parts[column]))
    if sent and count < HELD_OUT:
        yield sent


def finite_verbs():
    """Lower-case words that are finite verbs in most of their uses, from both corpora's POS tags."""
    finite, total = Counter(), Counter()
    for sent in list(sentences(column=1)) + list(conll_sentences(column=1)):
        for tok, pos in sent:
            if tok.islower() and tok.replace("'", "").isalpha():
                total[tok] += 1
                finite[tok] += pos in ("VBD", "VBZ", "VBP", "MD")
    return sorted(w for w, n in total.items() if n >= 3 and finite[w] >= 0.5 * n)


def titles():
    """The titles of titles.tsv (GMB's person spans start with them: "President Vladimir Putin")."""
    out = set()
    for line in open(os.path.join(HERE, "titles.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            out.add(line.split("\t")[0])
    return out


TITLES = None


def untitled(toks):
    """A person span without the titles before the name."""
    global TITLES
    if TITLES is None:
        TITLES = titles()
    i = 0
    while i < len(toks) - 1 and (toks[i] in TITLES or toks[i].rstrip(".") in TITLES):
        i += 1
    return toks[i:]


def conll_sentences(column=3):
    """CoNLL-2003's training sentences as (token, tag) lists (its dev and test sets unused); column 1
    gives the POS tag."""
    sent = []
    for line in gzip.open(CONLL, "rt", encoding="utf-8"):
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if sent:
                yield sent
            sent = []
            continue
        sent.append((parts[0], parts[column].replace("PER", "per")))
    if sent:
        yield sent


def spans(sent):
    """(type, tokens) for each IOB2 span."""
    cur = None
    for tok, tag in sent:
        if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[0] != tag[2:])):
            if cur:
                yield cur
            cur = (tag[2:], [tok])
        elif tag.startswith("I-"):
            cur[1].append(tok)
        else:
            if cur:
                yield cur
            cur = None
    if cur:
        yield cur


def main():
    lower, capital_mid = Counter(), Counter()
    span_types = defaultdict(Counter)
    first = Counter()
    inside_longer = Counter()  # a word seen as part of a longer span of any type
    in_person = Counter()  # a word seen inside a person's name
    untagged_mid = Counter()  # a capitalised word outside any span, not first in its sentence
    ever_person = set()
    for sent in sentences():
        for i, (tok, _) in enumerate(sent):
            if not tok.isalpha():
                continue
            if tok.islower():
                lower[tok] += 1
            elif i > 0 and tok[0].isupper():
                capital_mid[tok.lower()] += 1
                if sent[i][1] == "O":
                    untagged_mid[tok] += 1
        for typ, toks in spans(sent):
            span_types[" ".join(toks)][typ] += 1
            if len(toks) > 1:
                for t in toks:
                    inside_longer[t] += 1
            if typ == "per":
                ever_person.update(toks)
                for t in toks:
                    in_person[t] += 1
            if typ == "per":
                toks = untitled(toks)
            if typ == "per" and len(toks) >= 2:
                first[toks[0]] += 1
    conll_words = Counter()
    for sent in conll_sentences():
        for tok, _ in sent:
            conll_words[tok] += 1
        for typ, toks in spans(sent):
            if typ == "per" and len(toks) >= 2:
                first[toks[0]] += 1
    common = sorted(w for w, n in lower.items() if n >= 2 and n >= capital_mid[w])
    common_set = set(common)
    # Occurrences of each word in both corpora, to drop words that start a person's name only
    # now and then ("Democratic" starts two GMB person spans, among ~250 uses).
    seen = Counter(conll_words)
    for sent in sentences():
        for tok, _ in sent:
            seen[tok] += 1
    names = sorted(w for w, n in first.items()
                   if n >= 2 and w.isalpha() and w[0].isupper() and w.lower() not in common_set
                   and not w.isupper() and n >= 0.2 * seen[w])
    write("first_names.txt", [
        "Given names: first tokens of multi-token person spans (seen >= 2 times) in the GMB corpus",
        "(shared/data/ner/gmb_conll_utf8.txt.gz) and CoNLL-2003 train (conll2003/eng.train.gz),",
        "minus words GMB mostly writes in lower case and words that start a name in under a fifth",
        "of their uses.",
        "Generated by derive_lists.py; do not edit by hand."], names)
    write("finite_verbs.txt", [
        "Finite verbs: lower-case words tagged VBD, VBZ, VBP or MD in at least half of their >= 3 uses",
        "in the GMB corpus (its first HELD_OUT sentences) and CoNLL-2003 train.",
        "Generated by derive_lists.py; do not edit by hand."], finite_verbs())
    write("common_words.txt", [
        "Common words: written in lower case >= 2 times in the GMB corpus and at least as often as",
        "capitalised mid-sentence. Generated by derive_lists.py; do not edit by hand."], common)

    def typed(kind):
        out = []
        for text, c in span_types.items():
            typ, n = c.most_common(1)[0]
            words = text.split()
            if typ == kind and n >= 4 and n >= 0.8 * sum(c.values()) and all(NAME_WORD.match(w) for w in words) \
                    and words[0] not in ("A", "An", "The") and text not in NOT_NAMES \
                    and not (len(words) == 1 and (words[0].lower() in common_set
                                                  or words[0] in ever_person
                                                  or inside_longer[words[0]] > sum(c.values()))):
                out.append(text)
        return sorted(out)
    write("gmb_places.txt", [
        "Place names: GMB geo spans seen >= 4 times and tagged geo in >= 80% of them.",
        "Generated by derive_lists.py; do not edit by hand."], typed("geo"))
    write("gmb_organisations.txt", [
        "Organisation names: GMB org spans seen >= 4 times and tagged org in >= 80% of them.",
        "Generated by derive_lists.py; do not edit by hand."], typed("org"))

    countries = []
    for c in json.load(open(os.path.join(ISO, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]:
        canon = c.get("common_name") or c["name"]
        aliases = [a for a in (c["name"], c.get("official_name")) if a and a != canon and "," not in a]
        countries.append(canon + "\t" + "|".join(aliases))
    write("countries.tsv", [
        "Countries: canonical<TAB>aliases, from ISO 3166-1 in Debian's iso-codes",
        "(/usr/share/iso-codes/json/iso_3166-1.json; common name first). Generated by derive_lists.py."],
        sorted(countries))

    cities = set()
    for line in open(TZ, encoding="utf-8"):
        if line.startswith("#"):
            continue
        zone = line.split("\t")[2].strip()
        city = zone.split("/")[-1].replace("_", " ")
        if city[0].isupper():
            cities.add(city)
    write("cities.txt", [
        "Cities: the last part of each zone name in the tz database (Debian's tzdata,",
        "/usr/share/zoneinfo/zone1970.tab). Generated by derive_lists.py."], sorted(cities))

    states = []
    for s in json.load(open(os.path.join(ISO, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]:
        if s["code"][:2] in ("US", "CA") and s["type"] in ("State", "Province", "Territory", "District"):
            states.append(s["name"])
    write("us_states.txt", [
        "US states and Canadian provinces: ISO 3166-2 in Debian's iso-codes",
        "(/usr/share/iso-codes/json/iso_3166-2.json). Generated by derive_lists.py."], sorted(states))

    places = geonames_places(common_set, set(names), span_types, in_person, untagged_mid)
    if places is not None:
        write("geonames_places.txt", [
            "Places from GeoNames (geonames.org, CC BY 4.0) as compiled into Debian's libgeonames0",
            "0.3.0 (resource " + GEONAMES_RESOURCE + "): names of cities with >= 15,000",
            "people (US: >= 100,000) and of first-level divisions (provinces, states), without names",
            "GMB mostly uses otherwise. Generated by derive_lists.py; do not edit by hand."], places)


def geonames_records():
    """(name, division name, country, population) of each city in libgeonames' compiled list:
    a GVariant array of (id, name, division code, division name, country code, country name,
    time zone, population u32, latitude, longitude)."""
    data = subprocess.run(["gresource", "extract", GEONAMES_LIB, GEONAMES_RESOURCE],
                          capture_output=True, check=True).stdout
    osz = 4 if len(data) > 0xFFFF else 2
    last_end = int.from_bytes(data[-osz:], "little")
    ends = [int.from_bytes(data[last_end + k * osz:last_end + (k + 1) * osz], "little")
            for k in range((len(data) - last_end) // osz)]
    start = 0
    for end in ends:
        start = (start + 7) & ~7
        element, pos, fields = data[start:end], 0, []
        for _ in range(7):
            nul = element.index(b"\0", pos)
            fields.append(element[pos:nul].decode("utf-8"))
            pos = nul + 1
        pos = (pos + 3) & ~3
        population = struct.unpack_from("<I", element, pos)[0]
        yield fields[1], fields[3], fields[5], population
        start = end


def geonames_places(common, first_names, span_types, in_person, untagged_mid):
    if not (os.path.exists(GEONAMES_LIB) and shutil.which("gresource")):
        print("libgeonames0 or gresource missing: geonames_places.txt left as it is", file=sys.stderr)
        return None
    names = set()
    for city, division, country, population in geonames_records():
        # American towns are often named after people ("Evans", "Carson"): only the larger ones.
        if country != "United States of America" or population >= 100000:
            names.add(city)
        names.add(division)
    out = []
    for name in names:
        # The extractor matches names without their diacritics ("Būsh" is "Bush"): so do the checks.
        plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        words = plain.split()
        if not words or len(plain) < 4 or any(c.isdigit() or c in "(),/" for c in plain):
            continue
        if not plain[0].isupper() or all(w.lower() in common for w in words):
            continue
        if words[0] in ("A", "An", "The", "O"):
            continue  # "A Coruña": would make "A" start a phrase
        tags = span_types.get(plain, Counter())
        place = tags["geo"] + tags["gpe"]
        if sum(tags.values()) - place > place:
            continue  # GMB: mostly a person, organisation, event ...
        if len(words) == 1 and (plain in first_names or in_person[plain] > place
                                or untagged_mid[plain] > place + 2):
            continue
        out.append(name)
    return sorted(out)


if __name__ == "__main__":
    main()
