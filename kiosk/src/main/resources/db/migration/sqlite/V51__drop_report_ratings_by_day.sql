-- report_ratings_by_day served the first reports, which grouped report_ratings; they sum report_rating_counts
-- now, and the first day is read from the counts' key. The index was only written: a B-tree insert per rating
-- in every ingest transaction.
DROP INDEX report_ratings_by_day;
