package dev.hydra.services.gpu;

/** nvidia-smi printed something that is not the CSV we asked for. */
public final class NvidiaSmiFormatException extends Exception {

    public NvidiaSmiFormatException(String message) {
        super(message);
    }
}
