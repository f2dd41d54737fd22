#!/usr/bin/env python3
"""Rebuilds the second held-out set (issue 10) from local git mirrors.

The pages are third-party bytes and are never committed (project rule); this
script copies them out of mirrors of the public repositories named below, at
the commit recorded in pages.tsv when there is one (else the mirror's HEAD,
whose commit it then records), gzip-compressed as the repository holds them.
It reuses ../tools/collect.py (same mirror layout, same canonical-URL rule).

Usage: collect.py [MIRROR_ROOT [OUT_DIR]]
  defaults: /work/.mirror and $NEWSCRAWL_HELDOUT2 or /work/realpages-data/heldout2
  writes OUT_DIR/pages/ID.html.gz; with --write-index also rewrites pages.tsv here
"""
import gzip
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import collect  # noqa: E402  (tests/realpages/tools/collect.py: git(), canonical())

FUNDUS = "tests/resources/parser/test_data/"
# id, lang, kind, repo, path, url ('' = the page's canonical link / og:url)
ENTRIES = [
    # French
    ("fr-lemonde-article-2015", "fr", "article", "mozilla/readability", "test/test-pages/lemonde-1/source.html", ""),
    ("fr-liberation-article-2015", "fr", "article", "mozilla/readability", "test/test-pages/liberation-1/source.html", ""),
    ("fr-lefigaro-article-2021a", "fr", "article", "rundimeco/waddle", "Tutoriel_X-COTE/fichiers/peut-on-tous-devenir-depressif-20210615.html", ""),
    ("fr-lefigaro-article-2021b", "fr", "article", "rundimeco/waddle", "Tutoriel_X-COTE/fichiers/noel-le-graet-enterre-les-espoirs-de-jo-de-kylian-mbappe-20210615.html", ""),
    ("fr-sportsfr-article", "fr", "article", "adbar/trafilatura", "tests/eval/sports.fr.lorient.html", "https://www.sports.fr/direct-foot/50918/177512/lorient-olympique-lyonnais.html"),
    ("fr-aoc-article", "fr", "article", "adbar/trafilatura", "tests/eval/aoc.media.archaisme.html", "https://aoc.media/opinion/2019/12/09/pour-le-neoliberalisme-la-retraite-est-un-archaisme/"),
    ("fr-republicoftogo-article", "fr", "article", "adbar/htmldate", "tests/test_set/1551001635.html", "http://www.republicoftogo.com//Toutes-les-rubriques/Sport/Le-championnat-d-Afrique-des-Nations-n-aura-pas-lieu"),
    ("fr-parisluttes-article", "fr", "article", "adbar/htmldate", "tests/cache/paris-luttes.info.html", "https://paris-luttes.info/quand-on-comprend-que-les-grenades-12355"),
    # Section fronts (URLs from the archive's status.json)
    ("de-frde-section-politik", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/fr.de/politik.html", "https://www.fr.de/politik/"),
    ("de-frde-section-frankfurt", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/fr.de/frankfurt.html", "https://www.fr.de/frankfurt/"),
    ("de-heise-section-security", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/heise.de/security.html", "https://www.heise.de/security/"),
    ("de-tonline-section-panorama", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/t-online.de/panorama.html", "https://www.t-online.de/nachrichten/panorama/"),
    ("de-webde-section-politik", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/web.de/politik.html", "https://web.de/magazine/politik/"),
    ("de-zeit-section-wissen", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/zeit.de/wissen.html", "https://www.zeit.de/wissen/index"),
    # Articles of publishers not used before (de/en/es/it)
    ("en-telegraph-article", "en", "article", "flairNLP/fundus", FUNDUS + "uk/TheTelegraph_2024_09_17.html.gz", ""),
    ("en-reuters-article", "en", "article", "flairNLP/fundus", FUNDUS + "us/Reuters_2024_03_07.html.gz", ""),
    ("de-stern-article", "de", "article", "flairNLP/fundus", FUNDUS + "de/Stern_2024_11_05.html.gz", ""),
    ("de-tagesspiegel-article", "de", "article", "flairNLP/fundus", FUNDUS + "de/Tagesspiegel_2024_04_29.html.gz", ""),
    ("it-gazzettamezzogiorno-article", "it", "article", "adbar/htmldate", "tests/test_set/1789111868.html", "https://www.lagazzettadelmezzogiorno.it/news/mondo/1265473/california-certifica-voto-biden-oltre-quorum-270-elettori.html"),
    ("it-lastampa-article", "it", "article", "adbar/trafilatura", "tests/eval/lastampa.it.temperature.html", "https://www.lastampa.it/cronaca/2020/02/19/news/temperature-in-calo-in-tutta-italia-attesa-neve-sull-appennino-1.38487954"),
    ("es-farodevigo-article", "es", "article", "adbar/htmldate", "tests/test_set/1653186688.html", "https://www.farodevigo.es/deportes/2020/07/05/andres-iniesta-recuerdos-son-magicos/2309843.html"),
    ("es-clarin-article", "es", "article", "adbar/trafilatura", "tests/eval/clarin.com-albertofernandez.html", ""),
]


def recorded_commits():
    commits = {}
    index = os.path.join(HERE, "pages.tsv")
    if os.path.exists(index):
        with open(index) as f:
            next(f)
            for line in f:
                fields = line.rstrip("\n").split("\t")
                commits[fields[0]] = fields[6]
    return commits


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = args[0] if args else "/work/.mirror"
    out = args[1] if len(args) > 1 else os.environ.get("NEWSCRAWL_HELDOUT2", "/work/realpages-data/heldout2")
    os.makedirs(f"{out}/pages", exist_ok=True)
    known = recorded_commits()
    rows = []
    for pid, lang, kind, repo, path, url in ENTRIES:
        mirror = f"{root}/{repo.replace('/', '+')}/repo"
        if os.path.isdir(f"{mirror}/.git"):
            mirror += "/.git"
        commit = known.get(pid) or collect.git(mirror, "log", "-1", "--format=%H", "HEAD", "--", path).decode().strip()
        data = collect.git(mirror, "show", f"{commit}:{path}")
        html = gzip.decompress(data) if path.endswith(".gz") else data
        url = url or collect.canonical(html)
        if not url:
            sys.exit(f"{pid}: no URL")
        with open(f"{out}/pages/{pid}.html.gz", "wb") as f:
            f.write(gzip.compress(html, 9, mtime=0))
        rows.append("\t".join([pid, url, lang, kind, repo, path, commit]))
    if "--write-index" in sys.argv:
        with open(os.path.join(HERE, "pages.tsv"), "w") as f:
            f.write("id\tbase_url\tlanguage\tkind\trepository\tpath\tcommit\n")
            f.write("\n".join(rows) + "\n")
    print(f"{len(rows)} pages written to {out}/pages")


if __name__ == "__main__":
    main()
