-- Gap analytics (GapAnalyticsStore.StoredFields lists everything kept): daily counts without member ids, and the
-- redacted text of declined questions only where a community opted in, deleted after its retention period.
CREATE TABLE daily_counts (
  day date NOT NULL,
  platform text NOT NULL,
  community text NOT NULL,
  article text NOT NULL,
  kind text NOT NULL,
  count bigint NOT NULL,
  PRIMARY KEY (day, platform, community, article, kind)
);

CREATE TABLE declined_questions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  expires timestamptz NOT NULL,
  platform text NOT NULL,
  community text NOT NULL,
  text text NOT NULL
);

CREATE INDEX declined_questions_expires ON declined_questions (expires);
CREATE INDEX declined_questions_community ON declined_questions (platform, community, at DESC);
