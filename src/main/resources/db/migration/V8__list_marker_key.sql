-- Keys the service signs its own tokens with, by purpose, shared by every instance of a database.
-- ListOrders' markers are signed (HMAC-SHA256) so that a marker the service did not issue, or one
-- changed by hand, is refused; the key is made by whichever instance starts first.
create table server_keys (
  purpose    text primary key,
  key        bytea not null check (length(key) >= 32),
  created_at timestamptz not null
);
