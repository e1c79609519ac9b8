-- A window's whole days are summed from order_day_counts (V13). A project's rows of successive
-- days lie on as many heap pages (the days were written apart), so the sum read one page a day:
-- more than counting the index directly for a project with a few hundred orders in its window.
-- With the count in the primary key's leaves, the sum is an index-only scan of a page or two.
-- The price: a counter update changes an indexed column and is no longer a HOT update, one more
-- index entry per changed counter row, which the folding job and autovacuum clear.
alter table order_day_counts
  drop constraint order_day_counts_pkey,
  add primary key (project_id, workspace_id, day, phase, writer) include (orders);
