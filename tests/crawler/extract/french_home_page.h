#pragma once
// A French homepage shared by the CSS-selector role tests (extract) and the
// page processor's [[site]] tests: its markup defeats the link-role
// heuristic, the main stories sitting in a "fil" of spans (heuristic: other)
// and the menu being a list of long labels (heuristic: headline).

namespace nc::testing {

inline constexpr const char* kFrenchHome = R"(<!doctype html><html lang="fr"><head><title>Le Journal</title></head>
<body>
<div class="barre"><ul>
  <li><a href="/monde/">Toute l'actualité du monde</a></li>
  <li><a href="/economie/">Économie et finances du jour</a></li>
</ul></div>
<div class="fil">
  <span><a href="/monde/greve.html">Grève</a></span>
  <span><a href="/economie/budget.html">Budget</a></span>
</div>
<p>Lire notre <a href="/edito.html">éditorial</a> du jour.</p>
<footer><a href="/mentions-legales.html">Mentions légales</a></footer>
</body></html>)";

}  // namespace nc::testing
