package io.github.kvkit.validator.cli;

import io.github.kvkit.validator.track.Track;
import io.github.kvkit.validator.track.Tracks;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code --track ID} as one of the installed tracks. */
final class TrackConverter implements ITypeConverter<Track> {

    @Override
    public Track convert(String id) {
        Tracks tracks = Tracks.installed();
        return tracks.byId(id).orElseThrow(() -> new BadValueException(id
                + ": not a track of this validator; expected one of: " + tracks.ids()));
    }
}
