#!/usr/bin/env python3
"""Copies the corpus pages out of local git mirrors of public repositories.

Run once by the person building the corpus; the tests never run it. Each
entry names the repository, the path and the commit the bytes come from, so
anyone can check provenance with `git show COMMIT:PATH`. Pages are stored
gzip-compressed exactly as the repository holds them (fundus stores them
gzipped already; their bytes are kept as served, only decompressed and
recompressed). The base URL is the page's own URL: the one the source
repository records, else the page's canonical link / og:url.

Usage: collect.py MIRROR_ROOT OUT_DIR   (MIRROR_ROOT holds owner+name/repo)
"""
import gzip
import os
import re
import subprocess
import sys

# id, lang, kind, repo, path, commit ('' = mirror HEAD), url ('' = canonical)
ENTRIES = [
    # French
    ("fr-lemonde-article", "fr", "article", "flairNLP/fundus", "tests/resources/parser/test_data/fr/LeMonde_2023_09_01.html.gz", "", ""),
    ("fr-lefigaro-article", "fr", "article", "flairNLP/fundus", "tests/resources/parser/test_data/fr/LeFigaro_2024_11_22.html.gz", "", ""),
    ("fr-lesechos-article-2024", "fr", "article", "flairNLP/fundus", "tests/resources/parser/test_data/fr/LesEchos_2024_07_18.html.gz", "", ""),
    ("fr-euronews-article-2024", "fr", "article", "flairNLP/fundus", "tests/resources/parser/test_data/fr/EuronewsFR_2024_04_30.html.gz", "", ""),
    ("fr-euronews-article-2026", "fr", "article", "flairNLP/fundus", "tests/resources/parser/test_data/fr/EuronewsFR_2026_01_06.html.gz", "", ""),
    ("fr-20minutes-article", "fr", "article", "adbar/htmldate", "tests/eval/20minutes.fr-Ciaran.html", "", "https://www.20minutes.fr/societe/4060503-20231102-tempete-ciaran-pluie-rafales-vent-quoi-attendre-nouvelle-aquitaine"),
    ("fr-courrierinternational-article", "fr", "article", "adbar/htmldate", "tests/eval/courrierinternational.com-Hamas.html", "", "https://www.courrierinternational.com/video/gaza-en-video-voila-a-quoi-ressemblent-les-tunnels-du-hamas"),
    ("fr-leparisien-article", "fr", "article", "adbar/htmldate", "tests/eval/leparisien.fr-Ciaran.html", "", "https://www.leparisien.fr/meteo/tempete-ciaran-des-records-de-vent-ont-ils-ete-enregistres-pres-de-chez-vous-02-11-2023-XVZ4H2T3AZGRZAUUQLK7XEX2ZE.php"),
    ("fr-lepoint-article", "fr", "article", "adbar/htmldate", "tests/eval/lepoint.fr-terrorisme.html", "", "https://www.lepoint.fr/societe/apologie-du-terrorisme-un-imam-de-beaucaire-condamne-a-de-la-prison-avec-sursis-02-11-2023-2541683_23.php"),
    ("fr-lesechos-article-2023", "fr", "article", "adbar/htmldate", "tests/eval/lesechos.fr-Macron.html", "", "https://www.lesechos.fr/politique-societe/emmanuel-macron-president/sondage-exclusif-emmanuel-macron-continue-de-patir-dune-forte-impopularite-2026486"),
    ("fr-liberation-article", "fr", "article", "adbar/htmldate", "tests/eval/liberation.fr-Gaza.html", "", "https://www.liberation.fr/international/moyen-orient/gaza-le-monde-arabe-indigne-par-les-frappes-israeliennes-contre-un-camp-de-refugies-de-jabalia-20231101_AZMTTO7OZBCI3IG7LKHAZVLEQQ/"),
    ("fr-ouestfrance-article", "fr", "article", "adbar/htmldate", "tests/eval/ouest-france.fr-gaza.html", "", "https://www.ouest-france.fr/monde/gaza/temoignage-a-gaza-les-nuits-terrifiantes-et-les-jours-epuisants-de-la-famille-shehab-7cc38a5c-7974-11ee-b7ba-95ef9cb6f5e8"),
    ("fr-lopinion-article", "fr", "article", "adbar/trafilatura", "tests/eval/lopinion.fr.glyphosate.html", "", "https://www.lopinion.fr/edition/economie/glyphosate-radiographie-d-intoxication-collective-186859"),
    ("fr-sciencesetavenir-article", "fr", "article", "adbar/trafilatura", "tests/eval/sciencesetavenir.fr.rumeur.html", "", "https://www.sciencesetavenir.fr/sante/covid-19-et-infox-comment-une-rumeur-devient-realite_147359"),
    ("fr-gala-article", "fr", "article", "adbar/trafilatura", "tests/eval/gala.fr.surnom.html", "", "https://www.gala.fr/l_actu/news_de_stars/jean-paul-delevoye-monsieur-retraites-du-gouvernement-jacques-chirac-lui-donnait-un-surnom-peu-flatteur_439447"),
    ("fr-madamefigaro-article", "fr", "article", "adbar/trafilatura", "tests/eval/madame.lefigaro.fr.dintestin.html", "", "https://madame.lefigaro.fr/bien-etre/problemes-dintestin-quoi-manger-pour-aller-bien-110417-130897"),
    ("fr-ledevoir-article", "fr", "article", "adbar/trafilatura", "tests/eval/ledevoir.com.trottinettes.html", "", "https://www.ledevoir.com/politique/montreal/573258/la-fin-des-trottinettes-en-libre-service-a-montreal"),
    # French homepages and section pages
    ("fr-lemonde-homepage-2017", "fr", "homepage", "MarhicJeromeGIT/webwatch", "lemonde.html", "", "http://www.lemonde.fr/"),
    # Le Monde front page of 21 January 2023 and of 21 February 2026, both saved from a browser's DOM (no doctype; the
    # 2026 one was an input page of an HTML sanitizer's tests and was removed from the repository later, hence the commit)
    ("fr-lemonde-homepage-2023", "fr", "homepage", "regicid/repo_clean", "lemonde.html", "57b5c810121ea459bc4fc2867c404742279f309b", "https://www.lemonde.fr/"),
    ("fr-lemonde-homepage-2026", "fr", "homepage", "ndrean/zanitizer", "lemonde.html", "cd3fd1cd47e4ec051885f2cc9056e3478d9b1d01", "https://www.lemonde.fr/"),
    # German
    ("de-spiegel-article", "de", "article", "flairNLP/fundus", "tests/resources/parser/test_data/de/SpiegelOnline_2023_04_28.html.gz", "", ""),
    ("de-tagesschau-article", "de", "article", "flairNLP/fundus", "tests/resources/parser/test_data/de/Tagesschau_2023_04_28.html.gz", "", ""),
    ("de-zeit-article", "de", "article", "flairNLP/fundus", "tests/resources/parser/test_data/de/DieZeit_2023_04_28.html.gz", "", ""),
    ("de-sz-article", "de", "article", "flairNLP/fundus", "tests/resources/parser/test_data/de/SZ_2024_09_30.html.gz", "", ""),
    ("de-heise-article", "de", "article", "flairNLP/fundus", "tests/resources/parser/test_data/de/Heise_2024_04_19.html.gz", "", ""),
    ("de-taz-article", "de", "article", "flairNLP/fundus", "tests/resources/parser/test_data/de/Taz_2024_10_23.html.gz", "", ""),
    # German homepages and section pages (URLs from the archive's status.json)
    ("de-spiegel-section", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/spiegel.de/politik.html", "", "https://www.spiegel.de/politik/"),
    ("de-zeit-homepage", "de", "homepage", "defgsus/frontpage-archive", "docs/snapshots/zeit.de/index.html", "", "https://www.zeit.de/index"),
    ("de-faz-section", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/faz.net/wirtschaft.html", "", "https://www.faz.net/aktuell/wirtschaft/"),
    ("de-heise-homepage", "de", "homepage", "defgsus/frontpage-archive", "docs/snapshots/heise.de/index.html", "", "https://www.heise.de/"),
    ("de-sz-section", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/sueddeutsche.de/politik.html", "", "https://www.sueddeutsche.de/politik"),
    ("de-spiegel-homepage", "de", "homepage", "defgsus/frontpage-archive", "docs/snapshots/spiegel.de/index.html", "", "https://www.spiegel.de/"),
    ("de-fr-homepage", "de", "homepage", "defgsus/frontpage-archive", "docs/snapshots/fr.de/index.html", "", "https://www.fr.de/"),
    ("de-tonline-homepage", "de", "homepage", "defgsus/frontpage-archive", "docs/snapshots/t-online.de/index.html", "", "https://www.t-online.de/"),
    ("de-bild-homepage", "de", "homepage", "defgsus/frontpage-archive", "docs/snapshots/bild.de/index.html", "", "https://www.bild.de/"),
    ("de-sz-homepage", "de", "homepage", "defgsus/frontpage-archive", "docs/snapshots/sueddeutsche.de/index.html", "", "https://www.sueddeutsche.de/"),
    ("de-welt-homepage", "de", "homepage", "defgsus/frontpage-archive", "docs/snapshots/welt.de/index.html", "", "https://www.welt.de"),
    # English
    ("en-bbc-article", "en", "article", "flairNLP/fundus", "tests/resources/parser/test_data/uk/BBC_2024_08_01.html.gz", "", ""),
    ("en-guardian-article", "en", "article", "flairNLP/fundus", "tests/resources/parser/test_data/uk/TheGuardian_2024_02_24.html.gz", "", ""),
    ("en-independent-article", "en", "article", "flairNLP/fundus", "tests/resources/parser/test_data/uk/TheIndependent_2024_11_22.html.gz", "", ""),
    ("en-apnews-article", "en", "article", "flairNLP/fundus", "tests/resources/parser/test_data/us/APNews_2024_09_03.html.gz", "", ""),
    ("en-lemonde-article", "en", "article", "adbar/htmldate", "tests/eval/lemonde.fr-Striking.html", "", "https://www.lemonde.fr/en/economy/article/2023/10/29/striking-us-auto-union-reaches-tentative-deal-with-stellantis_6211625_19.html"),
    ("en-newscomau-homepage", "en", "homepage", "jhy/jsoup", "src/test/resources/htmltests/news-com-au-home.html.gz", "d31d637b8b2566ebe590b27d1aca2a1c3528e4bd", "http://www.news.com.au/"),
    ("en-smh-article", "en", "article", "jhy/jsoup", "src/test/resources/htmltests/smh-biz-article-1.html.gz", "d31d637b8b2566ebe590b27d1aca2a1c3528e4bd", "http://www.smh.com.au/business/the-boards-next-fear-the-female-quota-20100106-lteq.html"),
    ("en-96fm-homepage", "en", "homepage", "adbar/htmldate", "tests/test_set/1630687900.html", "", "https://www.96fm.ie/"),
    # Spanish
    ("es-elmundo-article", "es", "article", "flairNLP/fundus", "tests/resources/parser/test_data/es/ElMundo_2024_12_02.html.gz", "", ""),
    ("es-elpais-article", "es", "article", "flairNLP/fundus", "tests/resources/parser/test_data/es/ElPais_2024_10_15.html.gz", "", ""),
    ("es-abc-article", "es", "article", "flairNLP/fundus", "tests/resources/parser/test_data/es/ABC_2025_01_13.html.gz", "", ""),
    ("es-lavanguardia-article", "es", "article", "flairNLP/fundus", "tests/resources/parser/test_data/es/LaVanguardia_2025_01_13.html.gz", "", ""),
    ("es-noticialdia-homepage", "es", "homepage", "adbar/htmldate", "tests/test_set/1579141678.html", "", "https://noticialdia.com/"),
    ("es-elpais-section", "es", "section", "bertini36/newsaggr", "elpais.html", "", "https://elpais.com/espana/"),
    ("es-cronicabalear-section", "es", "section", "bertini36/newsaggr", "page_source.html", "", "https://www.cronicabalear.es/noticias/baleares/"),
    # Italian
    ("it-corriere-article", "it", "article", "flairNLP/fundus", "tests/resources/parser/test_data/it/CorriereDellaSera_2025_02_04.html.gz", "", ""),
    ("it-repubblica-article", "it", "article", "flairNLP/fundus", "tests/resources/parser/test_data/it/LaRepubblica_2025_01_05.html.gz", "", ""),
    ("it-ilgiornale-article", "it", "article", "flairNLP/fundus", "tests/resources/parser/test_data/it/IlGiornale_2025_02_04.html.gz", "", ""),
    ("it-corriere-homepage", "it", "homepage", "DataAccess2020/Capstone-Project---FRS", "IlCorriereDellaSera/data/Ilcorrieredellasera1702.html", "", "https://www.corriere.it/"),
    ("it-repubblica-liveblog", "it", "article", "adbar/htmldate", "tests/eval/Repubblica.it-Israele-Hamas.html", "", "https://www.repubblica.it/esteri/2023/11/02/diretta/israele_hamas_news_guerra_gaza_oggi-419364605/"),
    # Held-out set of session 7 (issue 10): labelled by hand before the classifier
    # was run on them; publishers not used before except FAZ, WELT, BILD and ZEIT
    # (other pages of theirs). Figures before tuning: tests/bench/README.md.
    ("de-volksstimme-homepage", "de", "homepage", "defgsus/frontpage-archive", "docs/snapshots/volksstimme.de/index.html", "", "https://www.volksstimme.de/"),
    ("de-volksstimme-section", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/volksstimme.de/deutschland-und-welt.html", "", "https://www.volksstimme.de/deutschland-und-welt"),
    ("de-compact-homepage", "de", "homepage", "defgsus/frontpage-archive", "docs/snapshots/compact-online.de/index.html", "", "https://www.compact-online.de/"),
    ("de-compact-section", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/compact-online.de/aktuell.html", "", "https://www.compact-online.de/compact-aktuell/"),
    ("de-webde-section", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/web.de/news.html", "", "https://web.de/magazine/"),
    ("de-gmx-section", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/gmx.net/sport.html", "", "https://www.gmx.net/magazine/sport/"),
    ("de-faz-homepage", "de", "homepage", "defgsus/frontpage-archive", "docs/snapshots/faz.net/index.html", "", "https://www.faz.net/aktuell/"),
    ("de-welt-section", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/welt.de/politik.html", "", "https://www.welt.de/politik/"),
    ("de-bild-section", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/bild.de/politik.html", "", "https://www.bild.de/politik/startseite/politik/politik-16804552.bild.html"),
    ("de-zeit-section", "de", "section", "defgsus/frontpage-archive", "docs/snapshots/zeit.de/politik.html", "", "https://www.zeit.de/politik/index"),
    ("fr-vosgesmatin-article", "fr", "article", "adbar/htmldate", "tests/test_set/1556056486.html", "", "https://www.vosgesmatin.fr/edition-la-plaine/2020/03/23/incendie-dans-une-maison-cinq-personnes-relogees"),
    ("fr-actu-article", "fr", "article", "adbar/htmldate", "tests/test_set/1560424903.html", "", "https://actu.fr/societe/coronavirus/solidarite-centre-hospitalier-cote-basque-lance-appel-dons-entreprises-particuliers_32590953.html"),
    ("it-ansa-article", "it", "article", "adbar/htmldate", "tests/test_set/1671960661.html", "", "https://www.ansa.it/sito/notizie/sport/calcio/2020/07/28/ghersini-dirige-cagliari-juve-massimi-lazio-brescia_c708a8fb-c2d2-4a9a-b0f3-05b8cc98389d.html"),
    ("it-ilmattino-article", "it", "article", "adbar/htmldate", "tests/test_set/1582946828.html", "", "https://www.ilmattino.it/primopiano/sanita/isolamento_gli_urologi_uomini_la_pigrizia_danneggia_la_prostata_in_casa_allenatevi_cosi-5180477.html"),
    ("es-eldiario-article", "es", "article", "flairNLP/fundus", "tests/resources/parser/test_data/es/ElDiario_2025_05_29.html.gz", "", ""),
    ("es-publico-article", "es", "article", "flairNLP/fundus", "tests/resources/parser/test_data/es/Publico_2025_05_29.html.gz", "", ""),
    ("en-metro-article", "en", "article", "flairNLP/fundus", "tests/resources/parser/test_data/uk/Metro_2024_11_29.html.gz", "", ""),
    ("de-ntv-article", "de", "article", "flairNLP/fundus", "tests/resources/parser/test_data/de/NTV_2025_12_12.html.gz", "", ""),
]


def git(mirror, *args):
    return subprocess.run(["git", "--git-dir", mirror, *args], check=True,
                          capture_output=True).stdout


def canonical(html):
    text = html[:400000].decode("utf-8", "replace")
    for pattern in (r'<link[^>]+rel=["\']?canonical["\']?[^>]*href=["\']([^"\']+)',
                    r'<link[^>]+href=["\']([^"\']+)["\'][^>]*rel=["\']?canonical',
                    r'property=["\']og:url["\'][^>]*content=["\']([^"\']+)',
                    r'content=["\']([^"\']+)["\'][^>]*property=["\']og:url'):
        m = re.search(pattern, text)
        if m and m.group(1).startswith("http"):
            return m.group(1).replace("&amp;", "&")
    return ""


def main():
    root, out = sys.argv[1], sys.argv[2]
    rows = []
    for pid, lang, kind, repo, path, commit, url in ENTRIES:
        mirror = f"{root}/{repo.replace('/', '+')}/repo"
        if os.path.isdir(f"{mirror}/.git"):  # some snapshots arrive with a work tree
            mirror += "/.git"
        if not commit:
            commit = git(mirror, "log", "-1", "--format=%H", "HEAD", "--", path).decode().strip()
        data = git(mirror, "show", f"{commit}:{path}")
        html = gzip.decompress(data) if path.endswith(".gz") else data
        url = url or canonical(html)
        if not url:
            sys.exit(f"{pid}: no URL")
        with open(f"{out}/pages/{pid}.html.gz", "wb") as f:
            f.write(gzip.compress(html, 9, mtime=0))
        rows.append("\t".join([pid, url, lang, kind, repo, path, commit]))
    with open(f"{out}/pages.tsv", "w") as f:
        f.write("id\tbase_url\tlanguage\tkind\trepository\tpath\tcommit\n")
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
