package dev.retailsync.erp.file;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.ConfigurationException;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldError;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.model.Account;
import dev.retailsync.api.model.CreditTerms;
import dev.retailsync.api.model.InventoryPosition;
import dev.retailsync.api.spi.AvailabilityLookup;
import dev.retailsync.api.spi.ChangeFeed;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.CreditLookup;
import dev.retailsync.api.spi.RecordReader;
import dev.retailsync.api.spi.RecordWriter;
import dev.retailsync.api.spi.RemoteRecord;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A connector for ERPs that exchange flat files instead of offering an API: customers, stock
 * levels, sales orders with their lines and shipments (delivery notes with tracking) as CSV (RFC
 * 4180) or JSON Lines files in a shared directory.
 *
 * <p>The directory (a local path or a mounted share) holds four folders, each configurable:
 *
 * <ul>
 *   <li>{@code inbox}: files the ERP drops for us. A file belongs to the entity type whose {@link
 *       FileLayout#prefix() prefix} starts its name ({@code customers-20260115.csv}); {@code .csv}
 *       and {@code .jsonl} are read whatever the export format; names starting with a dot or ending
 *       in {@code .tmp} or {@code .part} are hand-offs in progress and skipped, and so is, with a
 *       {@link Builder#settle settle} window, a file changed within it. Files import in name order,
 *       so name them with a sortable timestamp.
 *   <li>{@code outbox}: files we write for the ERP, one per writer batch, named {@code
 *       <prefix>-<UTC timestamp>-<n>.<csv|jsonl>}, written under a hidden temporary name in the
 *       outbox itself and renamed atomically: the ERP sees a whole file or none.
 *   <li>{@code archive}: imported files once the host has stored a cursor past them, each with
 *       {@code <file>.rejected.csv} (row, column, message) when rows were refused.
 *   <li>{@code state}: the connector's ledger of imported files and its index of each entity type.
 * </ul>
 *
 * <p><b>Import (the change feed).</b> {@link Connector#changeFeed} reads the inbox record by
 * record: a bad row becomes a {@link RowError} naming row and column (told to the {@link
 * RejectedRowListener} and written beside the archived file) and the rest of the file still
 * imports. The opaque cursor names the file being read (name, size and SHA-256) and the next
 * record, plus files read to the end but not yet archived, so a host that restarts from its last
 * stored cursor resumes at the row, never imports a file twice and never skips one. A file is
 * archived and entered in the ledger only when a poll carries a cursor past it, so it is not lost
 * if the host dies before storing that cursor; a file dropped again with the same name, size and
 * content is recognised by the ledger and archived without importing. Changes are {@code UPSERTED}
 * (a file does not say whether a record is new), carry an idempotency key from the file's hash and
 * row, and a version (below).
 *
 * <p><b>Export (the writer) and upsert by key.</b> Files have no server to ask, so the connector
 * keeps an index per entity type: for each key (account number, {@code sku@location}, order number)
 * the record as last exported or imported, with its version. A write whose record the index (or an
 * inbox file not yet archived) already holds with the same content is {@code UNCHANGED} and writes
 * nothing; otherwise it is {@code CREATED} or {@code UPDATED} and goes into the batch's export
 * file, which the ERP applies as an upsert by the key column. A record the mapping cannot write (no
 * key, characters the files' charset cannot hold) is {@code REJECTED} naming the field; an I/O
 * failure (a share offline) is a {@code RETRYABLE_FAILURE} for the batch's records, and access
 * denied is a rejection that names the fix.
 *
 * <p><b>Versions.</b> A record's version is a hash of the columns the files carry for it, so a
 * record read from the ERP's file and the same record exported by us have the same version. A write
 * with {@link dev.retailsync.api.spi.WriteRequest#expectedVersion()} is checked against the newest
 * the connector knows (its index, or an inbox file the ERP dropped since): a mismatch is a rejected
 * conflict carrying the current version (read-verify-write; the ERP itself cannot compare).
 *
 * <p><b>Guarantees.</b> Guaranteed: every exported file is complete or absent; a stored cursor
 * never re-imports a file or skips a row; a repeated write of the same record exports nothing. Best
 * effort: if the process dies after an export file was renamed into the outbox but before the index
 * recorded it, the retried write exports the records again (the ERP upserts them by key to the same
 * result). One connector instance per directory: the connector serialises its own work per entity
 * type but does not lock the directory against other processes (use the engine's poll leases to
 * keep a single poller).
 *
 * <p>Also offered: {@link AvailabilityLookup} and {@link CreditLookup}, answered from the last
 * imported stock and customer files (not live). Not offered: {@code OrderSubmission}, since a file
 * hand-off has no synchronous verdict; export orders through the writer and read their ERP status
 * back from the ERP's order files.
 *
 * <p>Thread-safe; create one per directory and reuse it. {@link #toString()} shows the directory
 * and layouts, never record contents.
 */
public final class FileConnector implements Connector {

  /** What every entity channel shares: where the folders are, how files are written, when. */
  record Settings(
      SystemId system,
      Path root,
      Path inbox,
      Path outbox,
      Path archive,
      Path state,
      Clock clock,
      FileFormat format,
      Charset charset,
      char delimiter,
      RejectedRowListener rejected,
      Duration settle,
      Ledger ledger) {}

  private final Settings settings;
  private final int maxBatchSize;
  private final Map<EntityType<?>, EntityChannel<?>> channels = new LinkedHashMap<>();

  private FileConnector(Builder b, Settings settings) {
    this.settings = settings;
    this.maxBatchSize = b.maxBatchSize;
    for (FileLayout<?> layout : b.layouts.values()) {
      channels.put(layout.entityType(), new EntityChannel<>(settings, layout));
    }
  }

  /**
   * Returns a builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SystemId system() {
    return settings.system();
  }

  @Override
  public Set<EntityType<?>> entityTypes() {
    return Set.copyOf(channels.keySet());
  }

  @Override
  public <T extends CanonicalEntity> Optional<ChangeFeed<T>> changeFeed(EntityType<T> type) {
    return channel(type).map(c -> c::poll);
  }

  @Override
  public <T extends CanonicalEntity> Optional<RecordReader<T>> reader(EntityType<T> type) {
    return channel(type).map(c -> RecordReader.of(maxBatchSize, c::read));
  }

  @Override
  public <T extends CanonicalEntity> Optional<RecordWriter<T>> writer(EntityType<T> type) {
    return channel(type).map(c -> RecordWriter.of(maxBatchSize, c::upsert));
  }

  @Override
  public <O> Optional<O> operation(Class<O> operationType) {
    if (operationType == AvailabilityLookup.class
        && channels.containsKey(EntityType.INVENTORY_POSITION)) {
      EntityChannel<InventoryPosition> stock = channel(EntityType.INVENTORY_POSITION).orElseThrow();
      AvailabilityLookup lookup =
          (skus, location) -> {
            List<InventoryPosition> found = new ArrayList<>();
            for (InventoryPosition p : stock.all()) {
              if (skus.contains(p.sku()) && (location == null || location.equals(p.location()))) {
                found.add(p);
              }
            }
            return found;
          };
      return Optional.of(operationType.cast(lookup));
    }
    if (operationType == CreditLookup.class && channels.containsKey(EntityType.ACCOUNT)) {
      EntityChannel<Account> accounts = channel(EntityType.ACCOUNT).orElseThrow();
      CreditLookup lookup =
          number -> {
            List<RemoteRecord<Account>> read = accounts.read(List.of(number));
            if (read.isEmpty()) {
              return Optional.<CreditTerms>empty();
            }
            return Optional.ofNullable(read.get(0).entity().credit());
          };
      return Optional.of(operationType.cast(lookup));
    }
    return Optional.empty();
  }

  /**
   * Returns the layout of an entity type's files.
   *
   * @param type the entity type
   * @param <T> the entity's Java type
   * @return the layout, or empty when the connector does not exchange that type
   */
  public <T extends CanonicalEntity> Optional<FileLayout<T>> layout(EntityType<T> type) {
    return channel(type).map(EntityChannel::layout);
  }

  @SuppressWarnings("unchecked")
  private <T extends CanonicalEntity> Optional<EntityChannel<T>> channel(EntityType<T> type) {
    return Optional.ofNullable((EntityChannel<T>) channels.get(type));
  }

  @Override
  public String toString() {
    return "FileConnector[system="
        + settings.system()
        + ", directory="
        + settings.root()
        + ", format="
        + settings.format()
        + ", types="
        + channels.keySet()
        + "]";
  }

  /** Builds a {@link FileConnector}. Not thread-safe. */
  public static final class Builder {
    private SystemId system = SystemId.of("erp-files");
    private Path directory;
    private Path inbox;
    private Path outbox;
    private Path archive;
    private Path state;
    private Clock clock = Clock.systemUTC();
    private FileFormat format = FileFormat.CSV;
    private Charset charset = StandardCharsets.UTF_8;
    private char delimiter = ',';
    private int maxBatchSize = 1000;
    private RejectedRowListener rejected = RejectedRowListener.NONE;
    private Duration settle = Duration.ZERO;
    private final Map<EntityType<?>, FileLayout<?>> layouts = new LinkedHashMap<>();

    private Builder() {
      layouts(
          List.of(
              FileLayout.accounts(),
              FileLayout.inventory(),
              FileLayout.orders(),
              FileLayout.shipments()));
    }

    /**
     * Sets the system id the connector reports; {@code erp-files} by default.
     *
     * @param system the system id
     * @return this builder
     */
    public Builder system(SystemId system) {
      this.system = system;
      return this;
    }

    /**
     * Sets the exchange directory; {@code inbox}, {@code outbox}, {@code archive} and {@code state}
     * are folders in it unless set one by one. Required.
     *
     * @param directory the directory
     * @return this builder
     */
    public Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    /**
     * Sets the folder the ERP drops files into; {@code <directory>/inbox} by default.
     *
     * @param inbox the folder
     * @return this builder
     */
    public Builder inbox(Path inbox) {
      this.inbox = inbox;
      return this;
    }

    /**
     * Sets the folder exports go to; {@code <directory>/outbox} by default.
     *
     * @param outbox the folder
     * @return this builder
     */
    public Builder outbox(Path outbox) {
      this.outbox = outbox;
      return this;
    }

    /**
     * Sets the folder imported files move to; {@code <directory>/archive} by default.
     *
     * @param archive the folder
     * @return this builder
     */
    public Builder archive(Path archive) {
      this.archive = archive;
      return this;
    }

    /**
     * Sets the folder of the connector's ledger and indexes; {@code <directory>/state} by default.
     * Keep it out of the ERP's reach.
     *
     * @param state the folder
     * @return this builder
     */
    public Builder state(Path state) {
      this.state = state;
      return this;
    }

    /**
     * Sets the clock that stamps exports and index entries; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the format of exported files; CSV by default. Imports read both by file extension.
     *
     * @param format the format
     * @return this builder
     */
    public Builder format(FileFormat format) {
      this.format = format;
      return this;
    }

    /**
     * Sets the charset of every file; UTF-8 by default.
     *
     * @param charset the charset
     * @return this builder
     */
    public Builder charset(Charset charset) {
      this.charset = charset;
      return this;
    }

    /**
     * Sets the CSV field delimiter; a comma by default ({@code ;} is common where the comma is the
     * decimal separator).
     *
     * @param delimiter the delimiter; not a quote, CR or LF
     * @return this builder
     */
    public Builder delimiter(char delimiter) {
      this.delimiter = delimiter;
      return this;
    }

    /**
     * Sets the most records one export file holds (the writer's batch size); 1,000 by default.
     *
     * @param maxBatchSize 1 to 100,000
     * @return this builder
     */
    public Builder maxBatchSize(int maxBatchSize) {
      this.maxBatchSize = maxBatchSize;
      return this;
    }

    /**
     * Sets the listener told about rows that could not be imported; none by default (they are still
     * written beside the archived file).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder rejectedRows(RejectedRowListener listener) {
      this.rejected = listener;
      return this;
    }

    /**
     * Sets how long an inbox file must be unchanged before it is imported, for ERPs that write
     * their files in place instead of handing them off under a temporary name; zero (the default)
     * imports every complete-named file at once.
     *
     * @param settle the quiet period, measured against the connector's clock
     * @return this builder
     */
    public Builder settle(Duration settle) {
      this.settle = settle;
      return this;
    }

    /**
     * Adds or replaces the layout of one entity type. Customers, stock levels, orders and shipments
     * have default layouts from the start.
     *
     * @param layout the layout
     * @return this builder
     */
    public Builder layout(FileLayout<?> layout) {
      layouts.put(layout.entityType(), layout);
      return this;
    }

    /**
     * Replaces every layout: the connector exchanges exactly these entity types.
     *
     * @param layouts the layouts
     * @return this builder
     */
    public Builder layouts(List<FileLayout<?>> layouts) {
      this.layouts.clear();
      layouts.forEach(this::layout);
      return this;
    }

    /**
     * Builds the connector. Folders are created when first written.
     *
     * @return the connector
     * @throws ConfigurationException naming each setting that is missing or malformed
     */
    public FileConnector build() {
      List<FieldError> errors = new ArrayList<>();
      if (directory == null) {
        errors.add(FieldError.redacted("directory", "is required: the exchange directory"));
      }
      if (system == null) {
        errors.add(FieldError.redacted("system", "is required"));
      }
      if (clock == null) {
        errors.add(FieldError.redacted("clock", "is required"));
      }
      if (format == null || charset == null) {
        errors.add(FieldError.redacted("format", "format and charset are required"));
      }
      if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
        errors.add(FieldError.of("delimiter", delimiter, "must not be a quote, CR or LF"));
      }
      if (maxBatchSize < 1 || maxBatchSize > 100_000) {
        errors.add(FieldError.of("maxBatchSize", maxBatchSize, "must be between 1 and 100000"));
      }
      if (settle == null || settle.isNegative()) {
        errors.add(FieldError.of("settle", settle, "must be zero or a positive duration"));
      }
      if (rejected == null) {
        errors.add(
            FieldError.redacted("rejectedRows", "is required; use RejectedRowListener.NONE"));
      }
      if (layouts.isEmpty()) {
        errors.add(FieldError.redacted("layouts", "needs at least one entity type"));
      }
      Set<String> prefixes = new LinkedHashSet<>();
      for (FileLayout<?> l : layouts.values()) {
        for (String other : prefixes) {
          if (l.prefix().startsWith(other) || other.startsWith(l.prefix())) {
            errors.add(
                FieldError.of(
                    "layouts",
                    l.prefix(),
                    "starts like the prefix '"
                        + other
                        + "' of another layout; files would be ambiguous"));
          }
        }
        prefixes.add(l.prefix());
      }
      if (!errors.isEmpty()) {
        throw new ConfigurationException("the flat-file connector", errors);
      }
      Path root = directory.toAbsolutePath().normalize();
      Path stateDir = state != null ? state : root.resolve("state");
      Settings settings =
          new Settings(
              system,
              root,
              inbox != null ? inbox : root.resolve("inbox"),
              outbox != null ? outbox : root.resolve("outbox"),
              archive != null ? archive : root.resolve("archive"),
              stateDir,
              clock,
              format,
              charset,
              delimiter,
              rejected,
              settle,
              new Ledger(stateDir));
      return new FileConnector(this, settings);
    }
  }
}
