package dev.hydra.ui.chat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Markdown (CommonMark, via commonmark-java) as JavaFX nodes: paragraphs with bold, italics, inline code and
 * links, headings, lists, quotes, rules and code blocks. No WebView. While text streams in, only the last
 * top-level block is parsed and rebuilt: the blocks before it are finished and stay as they are.
 */
public final class MarkdownView extends VBox {

    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    private String text = "";
    /** Where the unfinished tail starts in {@link #text}; the children before {@link #stableCount} render the rest. */
    private int stableEnd;
    private int stableCount;

    public MarkdownView() {
        getStyleClass().add("hl-markdown");
        setSpacing(6);
    }

    public void setMarkdown(String markdown) {
        String next = markdown == null ? "" : markdown;
        if (next.equals(text)) {
            return;
        }
        if (!next.startsWith(text.substring(0, stableEnd))) {
            getChildren().clear();
            stableEnd = 0;
            stableCount = 0;
        }
        text = next;
        int tailStart = stableEnd;
        List<org.commonmark.node.Node> blocks = new ArrayList<>();
        for (var block = PARSER.parse(next.substring(tailStart)).getFirstChild(); block != null; block = block.getNext()) {
            blocks.add(block);
        }
        getChildren().remove(stableCount, getChildren().size());
        blocks.forEach(block -> getChildren().add(render(block)));
        // Every block but the last is finished: a later block began, so the parser closed it.
        if (blocks.size() > 1 && !blocks.getLast().getSourceSpans().isEmpty()) {
            stableCount += blocks.size() - 1;
            stableEnd = tailStart + blocks.getLast().getSourceSpans().getFirst().getInputIndex();
        }
    }

    public String markdown() {
        return text;
    }

    private static Node render(org.commonmark.node.Node block) {
        return switch (block) {
            case Paragraph p -> inline(p, "hl-md-paragraph");
            case Heading h -> inline(h, "hl-md-h" + Math.min(3, h.getLevel()));
            case FencedCodeBlock code -> codeBlock(code.getLiteral(), code.getInfo());
            case IndentedCodeBlock code -> codeBlock(code.getLiteral(), null);
            case BulletList list -> list(list, false, 1);
            case OrderedList list -> list(list, true, list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber());
            case BlockQuote quote -> {
                VBox box = children(quote);
                box.getStyleClass().add("hl-md-quote");
                yield box;
            }
            case ThematicBreak rule -> new Separator();
            case HtmlBlock html -> plain(html.getLiteral());
            default -> plain("");
        };
    }

    private static VBox children(org.commonmark.node.Node parent) {
        VBox box = new VBox(4);
        for (org.commonmark.node.Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
            box.getChildren().add(render(child));
        }
        return box;
    }

    private static Node list(org.commonmark.node.Node list, boolean ordered, int start) {
        VBox box = new VBox(2);
        box.getStyleClass().add("hl-md-list");
        int number = start;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (item instanceof ListItem) {
                Label marker = new Label(ordered ? number++ + "." : "•");
                marker.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                marker.getStyleClass().add("hl-md-marker");
                VBox content = children(item);
                HBox.setHgrow(content, Priority.ALWAYS);
                box.getChildren().add(new HBox(6, marker, content));
            }
        }
        return box;
    }

    private static Node codeBlock(String code, String language) {
        Label label = new Label(code.endsWith("\n") ? code.substring(0, code.length() - 1) : code);
        label.getStyleClass().add("hl-md-code-block");
        label.setWrapText(true);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        if (language != null && !language.isBlank()) {
            label.setAccessibleText(language + " code");
        }
        return label;
    }

    private static Node plain(String text) {
        TextFlow flow = new TextFlow(styled(text, "hl-md-text"));
        flow.getStyleClass().add("hl-md-paragraph");
        return flow;
    }

    private static TextFlow inline(org.commonmark.node.Node block, String styleClass) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add(styleClass);
        block.accept(new InlineRenderer(flow.getChildren()));
        return flow;
    }

    private static Text styled(String text, String... classes) {
        Text node = new Text(text);
        node.getStyleClass().addAll(classes);
        return node;
    }

    /** Turns inline nodes into styled Text runs; nesting (bold inside a link) combines the classes. */
    private static final class InlineRenderer extends AbstractVisitor {
        private final List<Node> out;
        private final List<String> classes = new ArrayList<>(List.of("hl-md-text"));

        InlineRenderer(List<Node> out) {
            this.out = out;
        }

        @Override
        public void visit(org.commonmark.node.Text text) {
            out.add(styled(text.getLiteral(), classes.toArray(String[]::new)));
        }

        @Override
        public void visit(Code code) {
            out.add(styled(code.getLiteral(), "hl-md-text", "hl-md-code"));
        }

        @Override
        public void visit(Emphasis emphasis) {
            within("hl-md-em", emphasis);
        }

        @Override
        public void visit(StrongEmphasis strong) {
            within("hl-md-strong", strong);
        }

        @Override
        public void visit(Link link) {
            within("hl-md-link", link);
        }

        @Override
        public void visit(SoftLineBreak lineBreak) {
            out.add(styled(" ", "hl-md-text"));
        }

        @Override
        public void visit(HardLineBreak lineBreak) {
            out.add(styled("\n", "hl-md-text"));
        }

        @Override
        public void visit(HtmlInline html) {
            out.add(styled(html.getLiteral(), classes.toArray(String[]::new)));
        }

        private void within(String styleClass, org.commonmark.node.Node node) {
            classes.add(styleClass);
            visitChildren(node);
            classes.removeLast();
        }
    }
}
