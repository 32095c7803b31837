-- report_ratings held a copy of every rating (its keys, window, staff, ticket, score) that nothing read: the
-- reports sum report_rating_counts (V51 dropped its only index for that reason), bad ratings are in cases, and
-- every rating stays in event, whose type/time index finds them should the counts ever need rebuilding. Written
-- in every ingest transaction, it was a row and a key insert per rating: a third of SQLite's ingest
-- transaction time and more of PostgreSQL's (CentreBench, store alone; docs/centre.md).
DROP TABLE report_ratings;
