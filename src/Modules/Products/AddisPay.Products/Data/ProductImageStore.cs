namespace AddisPay.Products.Data;

/// <summary>An uploaded picture's bytes, named by their SHA-256 (hex) under the product they belong to.</summary>
internal sealed record StoredProductImage(Guid ProductId, string Hash, string ContentType, byte[] Content);

/// <summary>What is stored of a picture without its bytes.</summary>
internal sealed record StoredImageInfo(string Hash, string ContentType, long Bytes);

/// <summary>
/// Where uploaded product pictures live. PostgreSQL by default (<see cref="PostgresProductImageStore"/>); an object store
/// can replace it by registering another implementation in <see cref="ProductsModule"/>. Writes join the caller's unit
/// of work where the store can (PostgreSQL does), so a picture and the product's list of pictures change together.
/// </summary>
internal interface IProductImageStore
{
    Task SaveAsync(StoredProductImage image, CancellationToken ct);
    Task<StoredProductImage?> FindAsync(Guid productId, string hash, CancellationToken ct);
    Task<IReadOnlyList<StoredImageInfo>> ListAsync(Guid productId, CancellationToken ct);
    Task DeleteAsync(Guid productId, string hash, CancellationToken ct);
}

/// <summary>A row of products.image_blobs: the default image store's table.</summary>
internal sealed class ProductImageBlob
{
    public Guid ProductId { get; set; }
    public string Hash { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>
/// Pictures in the products schema (bytea, one row a picture): durable and backed up with the rest of the catalogue, in
/// the same transaction as the product that lists them. Adds and deletes are saved by the unit of work's flush.
/// </summary>
internal sealed class PostgresProductImageStore(ProductsDbContext db, TimeProvider clock) : IProductImageStore
{
    public async Task SaveAsync(StoredProductImage image, CancellationToken ct)
    {
        if (await db.ImageBlobs.AnyAsync(b => b.ProductId == image.ProductId && b.Hash == image.Hash, ct)) return;
        db.ImageBlobs.Add(new ProductImageBlob
        {
            ProductId = image.ProductId, Hash = image.Hash, ContentType = image.ContentType, Length = image.Content.LongLength, Content = image.Content,
            AddedAt = clock.GetUtcNow()
        });
    }

    public async Task<StoredProductImage?> FindAsync(Guid productId, string hash, CancellationToken ct) =>
        await db.ImageBlobs.AsNoTracking().Where(b => b.ProductId == productId && b.Hash == hash)
            .Select(b => new StoredProductImage(b.ProductId, b.Hash, b.ContentType, b.Content)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<StoredImageInfo>> ListAsync(Guid productId, CancellationToken ct) =>
        await db.ImageBlobs.AsNoTracking().Where(b => b.ProductId == productId)
            .Select(b => new StoredImageInfo(b.Hash, b.ContentType, b.Length)).ToListAsync(ct);

    public async Task DeleteAsync(Guid productId, string hash, CancellationToken ct)
    {
        var blob = await db.ImageBlobs.FirstOrDefaultAsync(b => b.ProductId == productId && b.Hash == hash, ct);
        if (blob is not null) db.ImageBlobs.Remove(blob);
    }
}
