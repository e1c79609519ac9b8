-- The simulated provider's nodes in use per flavor and AZ, kept by a trigger on simulated_nodes so
-- that every path that allocates, releases, restores or deletes a node keeps it right. Allocating
-- a node locks its flavor's row here and reads one number, where it used to take a lock and count
-- the nodes in use while holding it: with many nodes, that count was what every allocation of the
-- flavor waited for.
create table simulated_capacity (
  flavor text not null,
  az     text not null,
  in_use integer not null,
  primary key (flavor, az)
);

insert into simulated_capacity (flavor, az, in_use)
select flavor, az, count(*) from simulated_nodes where released_at is null group by flavor, az;

create function qm_simulated_capacity() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.released_at is null then
    update simulated_capacity set in_use = in_use - 1 where flavor = old.flavor and az = old.az;
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.released_at is null then
    insert into simulated_capacity (flavor, az, in_use) values (new.flavor, new.az, 1)
    on conflict (flavor, az) do update set in_use = simulated_capacity.in_use + 1;
  end if;
  return null;
end;
$$;

create trigger simulated_nodes_capacity
  after insert or update of released_at or delete on simulated_nodes
  for each row execute function qm_simulated_capacity();
