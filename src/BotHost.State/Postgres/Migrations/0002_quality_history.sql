-- The console Quality page's history (IQualityHistory): eval figures and per-line outcomes of the last 30 knowledge
-- versions. Eval lines are maintainers' test questions, never member text. seq orders versions recorded at one instant.
CREATE TABLE eval_versions (
  version text PRIMARY KEY,
  at timestamptz NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY
);

CREATE TABLE eval_figures (
  version text NOT NULL REFERENCES eval_versions ON DELETE CASCADE,
  set_name text NOT NULL,
  figure text NOT NULL,
  value double precision NOT NULL,
  PRIMARY KEY (version, set_name, figure)
);

CREATE TABLE eval_outcomes (
  version text NOT NULL REFERENCES eval_versions ON DELETE CASCADE,
  set_name text NOT NULL,
  line integer NOT NULL,
  question text NOT NULL,
  outcome text NOT NULL,
  PRIMARY KEY (version, set_name, line)
);
