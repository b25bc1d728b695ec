"""How plancheck is fast; none of it changes a result.

Everything here can be switched off or fail without changing a finding or a byte of output: the domain
modules (loader, corpus, engine, renderers) ask this package for help and work alone without it.

- `cores`: the one place worker processes are made, and the one policy for when a second core pays for
  itself (`worth_a_worker`); where no worker can start, the work is done in this process.
- `gcpause`: the cyclic garbage collector paused for bulk work, once per command (api.py and the HTML
  report writer enter it), and what exists frozen before workers fork.
- `cache`: parsed plan models kept between runs, keyed by the file's bytes, pickled and authenticated.
- `results`: the findings of a full check kept between runs, keyed by the digest of every input file and
  the rules in force.
- `fast_schema`: the JSON Schemas compiled to plain predicates for valid files; jsonschema explains the
  invalid ones.
- `native_yaml`: the loader's located data built from rapidyaml's tree, for the documents it reads
  exactly as libyaml does; libyaml reads, and refuses, the rest.
"""
