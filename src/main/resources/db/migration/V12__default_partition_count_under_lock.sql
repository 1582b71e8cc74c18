-- The default partitions are counted under the partition maintenance's advisory lock, in shared mode: a count that
-- ran while another replica created partitions deadlocked with it (the creator locks each default partition in
-- turn to check it holds no rows of the new month; the count held one and waited for the other). PartitioningTest
-- met it in CI. The count now waits until the creator's transaction ends.
CREATE OR REPLACE FUNCTION retail_default_partition_rows() RETURNS TABLE (table_name text, row_count bigint)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(hashtext('retail_event_partitions'));
    RETURN QUERY
        SELECT 'traffic_events'::text, count(*) FROM traffic_events_default
        UNION ALL
        SELECT 'sales_events'::text, count(*) FROM sales_events_default;
END
$$;
