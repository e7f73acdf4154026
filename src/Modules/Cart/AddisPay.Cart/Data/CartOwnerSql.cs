namespace AddisPay.Cart.Data;

/// <summary>SQL on the cart documents' owner that Marten's API does not express.</summary>
internal static class CartOwnerSql
{
    /// <summary>
    /// Deletes all but one cart of every user who owns several: the one with lines, most recently active first. A no-op
    /// before Marten has created the table and once the owner index is unique (nobody can own two carts then).
    /// </summary>
    public static string KeepOneCartPerOwner(string schema) => $$"""
        do $$
        begin
          if to_regclass('{{schema}}.mt_doc_cart') is null
             or exists (select 1 from pg_indexes where schemaname = '{{schema}}' and tablename = 'mt_doc_cart'
                          and indexdef ilike 'create unique index%OwnerId%') then return; end if;
          delete from {{schema}}.mt_doc_cart c
           using (select id, row_number() over (
                         partition by data->>'OwnerId'
                         order by jsonb_array_length(coalesce(data->'Lines', '[]'::jsonb)) > 0 desc, (data->>'LastActiveAt')::timestamptz desc, id) as rank
                    from {{schema}}.mt_doc_cart where data->>'OwnerId' is not null) ranked
           where c.id = ranked.id and ranked.rank > 1;
        end $$;
        """;
}
