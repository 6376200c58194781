package com.ninebits.sms.domain.quiet;

import com.ninebits.sms.domain.phone.PhoneNumbers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.zone.ZoneRulesProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The time zones a recipient may live in, from the number: its region from libphonenumber, the
 * region's zones from the tz database's {@code zone1970.tab} (kept as a resource, copied from
 * tzdata: 18 KB, where ICU4J's {@code TimeZone.getAvailableIDs(region)} would add a 14 MB jar to
 * every function zip). The rules of each zone (offsets, DST) are the JDK's own tz data.
 */
public final class RegionZones {

    static final String RESOURCE = "zone1970.tab";

    private static final RegionZones TZDATA = load();

    private final Map<String, List<ZoneId>> byRegion;

    RegionZones(Map<String, List<ZoneId>> byRegion) {
        this.byRegion = byRegion;
    }

    /** The table shipped with the domain. */
    public static RegionZones tzdata() {
        return TZDATA;
    }

    /** The zones of a region (ISO 3166 code); none for a code the table does not know. */
    public List<ZoneId> ofRegion(String region) {
        return byRegion.getOrDefault(region, List.of());
    }

    /** The zones of a stored number's region; none when the number names no region (non-geographic). */
    public List<ZoneId> ofNumber(String e164) {
        return PhoneNumbers.regionOf(e164).map(this::ofRegion).orElse(List.of());
    }

    Set<String> regions() {
        return byRegion.keySet();
    }

    private static RegionZones load() {
        try (InputStream in = RegionZones.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the domain jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines as {@code zone1970.tab} writes them: codes (comma-separated), coordinates, zone, comment. */
    static RegionZones parse(List<String> lines) {
        Set<String> known = ZoneRulesProvider.getAvailableZoneIds();
        Map<String, List<ZoneId>> byRegion = new HashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t");
            // A zone newer than the JDK's tz data has no rules here: it is left out, not guessed at.
            if (columns.length < 3 || !known.contains(columns[2])) {
                continue;
            }
            ZoneId zone = ZoneId.of(columns[2]);
            for (String region : columns[0].split(",")) {
                byRegion.computeIfAbsent(region, r -> new ArrayList<>()).add(zone);
            }
        }
        byRegion.replaceAll((region, zones) -> List.copyOf(zones));
        return new RegionZones(Map.copyOf(byRegion));
    }
}
