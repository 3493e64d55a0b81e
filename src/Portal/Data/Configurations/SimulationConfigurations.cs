using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MirrorTower.Portal.Features.Simulation;

namespace MirrorTower.Portal.Data.Configurations;

internal sealed class SimulationRunRecordConfiguration : IEntityTypeConfiguration<SimulationRunRecord>
{
    public void Configure(EntityTypeBuilder<SimulationRunRecord> builder)
    {
        builder.ToTable("SimulationRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasConversion<string>();
        builder.Property(r => r.Status).HasConversion<string>();
        builder.Property(r => r.Instance).HasMaxLength(128);
        builder.HasIndex(r => r.StartedUtc);
    }
}

internal sealed class LiveRunSnapshotConfiguration : IEntityTypeConfiguration<LiveRunSnapshot>
{
    public void Configure(EntityTypeBuilder<LiveRunSnapshot> builder)
    {
        builder.ToTable("LiveRunSnapshots");
        builder.HasKey(r => r.RunId);
    }
}
